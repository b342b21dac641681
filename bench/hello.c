/*
 * The yardstick: the smallest libfcgi responder we can write, answering
 * every request with BENCH_BYTES bytes of HTML.  Heard's figures are
 * reported as ratios against it, behind the same nginx, in the same run.
 */
#include <sys/prctl.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcgiapp.h>

int
main(int argc, char *argv[])
{
	FCGX_Request	 f;
	char		*body, trash[4096];
	size_t		 n;
	int		 sock, i, workers;

	if (argc != 4) {
		fprintf(stderr, "usage: hello SOCKET BYTES WORKERS\n");
		return 2;
	}
	n = strtoul(argv[2], NULL, 10);
	workers = atoi(argv[3]);
	body = malloc(n + 1);
	if (body == NULL)
		return 1;
	memset(body, 'x', n);
	FCGX_Init();
	unlink(argv[1]);
	if ((sock = FCGX_OpenSocket(argv[1], 128)) < 0)
		return 1;
	for (i = 1; i < workers; i++)
		if (fork() == 0) {
			prctl(PR_SET_PDEATHSIG, SIGTERM);
			break;
		}
	FCGX_InitRequest(&f, sock, 0);
	while (FCGX_Accept_r(&f) >= 0) {
		FCGX_FPrintF(f.out, "Content-Type: text/html\r\n"
		    "Content-Length: %d\r\n\r\n", (int)n);
		FCGX_PutStr(body, (int)n, f.out);
		/* Closed as Heard closes (http_finish): no lingering close. */
		while (FCGX_GetStr(trash, (int)sizeof(trash), f.in) > 0)
			;
		FCGX_Detach(&f);
		FCGX_Finish_r(&f);
	}
	return 0;
}
