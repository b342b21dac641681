/*
 * gate: at most N sign-ins hash a password (argon2id, 64 MB and a tenth
 * of a second each) at once, across every worker, so a burst of sign-ins
 * cannot take every worker from the children's forms.  Each slot is a
 * lock file held with flock(2); the kernel lets it go if its worker
 * dies, so a slot is never lost.  A sign-in that finds every slot held
 * is refused at once (the worker is not kept waiting).
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "gate.h"

#define GATE_MAX	64

static char	 gdir[4096];
static int	 gn;		/* slots; 0: no gate (the CLI, unit tests) */
static int	 held = -1;	/* the slot's descriptor while inside */

/* The path of slot i into out (n bytes). */
static void
slot_path(int i, char *out, size_t n)
{
	snprintf(out, n, "%s/signin-gate.%d", gdir, i);
}

/*
 * Make n slots (1 to GATE_MAX) as lock files in dir, mode 0600.  Called
 * once before the workers start.  Returns 0, or -1 with "file:0: what
 * is wrong" in err.
 */
int
gate_init(const char *dir, int n, char *err, size_t errlen)
{
	char	 path[4200];
	int	 i, fd;

	if (n < 1)
		n = 1;
	if (n > GATE_MAX)
		n = GATE_MAX;
	snprintf(gdir, sizeof(gdir), "%s", dir);
	for (i = 0; i < n; i++) {
		slot_path(i, path, sizeof(path));
		fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW,
		    0600);
		if (fd == -1) {
			snprintf(err, errlen, "%s:0: cannot make lock file: %s",
			    path, strerror(errno));
			return -1;
		}
		close(fd);
	}
	gn = n;
	return 0;
}

/*
 * Take a free slot without waiting.  Returns 1 inside (gate_leave()
 * after), 0 when every slot is held.  With no gate, always 1.  Each
 * try opens its own descriptor: flock locks belong to one open file,
 * and one opened before fork would be shared by every worker.
 */
int
gate_enter(void)
{
	char	 path[4200];
	int	 i, fd;

	if (gn == 0)
		return 1;
	for (i = 0; i < gn; i++) {
		slot_path((int)(((unsigned)getpid() + (unsigned)i) %
		    (unsigned)gn), path, sizeof(path));
		if ((fd = open(path, O_RDWR | O_CLOEXEC | O_NOFOLLOW)) == -1)
			continue;
		if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
			held = fd;
			return 1;
		}
		close(fd);
	}
	return 0;
}

/* Give the slot back. */
void
gate_leave(void)
{
	if (held == -1)
		return;
	flock(held, LOCK_UN);
	close(held);
	held = -1;
}
