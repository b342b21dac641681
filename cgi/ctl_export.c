/*
 * ctl_export: heardctl export ssda903 --from D --to D, the Reviews
 * table of the DfE's SSDA903 return on standard output.
 */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "ctl.h"
#include "db.h"
#include "report.h"

/*
 * heardctl export ssda903 --from D --to D: the CSV on standard output,
 * or, when a review would fail the DfE's rules, each named on standard
 * error and nothing written (exit 1).  Returns the exit status.
 */
int
ctl_export(int argc, char *argv[])
{
	struct buf	 csv = { 0 }, problems = { 0 };
	const char	*from, *to;
	int		 n;

	if (argc < 3 || strcmp(argv[2], "ssda903") != 0)
		ctl_die("usage: heardctl export ssda903 --from YYYY-MM-DD "
		    "--to YYYY-MM-DD");
	from = ctl_date_opt(argc, argv, 3, "--from", NULL);
	to = ctl_date_opt(argc, argv, 3, "--to", NULL);
	if (from == NULL || to == NULL || strcmp(from, to) > 0)
		ctl_die("--from and --to are dates, --from not after --to");
	ctl_open();
	if ((n = report_ssda903(from, to, &csv, &problems)) < 0)
		ctl_die("cannot read the reviews");
	if (n > 0) {
		fputs(buf_str(&problems), stderr);
		ctl_die("%d review%s would fail the DfE's checks; nothing was "
		    "exported", n, n == 1 ? "" : "s");
	}
	fwrite(csv.data, 1, csv.len, stdout);
	db_audit(0, "export", "ssda903");
	buf_free(&csv);
	buf_free(&problems);
	db_close();
	return 0;
}
