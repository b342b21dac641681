/*
 * Unit tests for week.c's pure part: a week's file read into a plan
 * (the standard sets, contacts by kind) or every error with its line.
 */
#include <string.h>

#include "check.h"
#include "week.h"

/* Does the plan hold an error on line ln whose text contains want? */
static int
has_err(const struct week_plan *p, int ln, const char *want)
{
	size_t	 i;

	for (i = 0; i < p->nerr; i++)
		if (p->err[i].lineno == ln && strstr(p->err[i].text, want))
			return 1;
	return 0;
}

void
test_week_parse(void)
{
	struct week_plan p = { 0 };
	const char	*good = "\xef\xbb\xbf" "child_ref,review_date,review_type,"
	    "iro,dob,child_contact,parent_contact,carer_contact,"
	    "care_leaver_contact\r\n"
	    "W-1,2026-12-15,cic,ann,2018-05-01,sam@example.org,"
	    "07700 900111,\"2 Low Road|Northtown|nt2 2bb\",\r\n"
	    "\r\n"
	    "W-2,2026-12-15,cic,,2010-01-01,07700 900222,,,\r\n"
	    "W-3,2026-12-16,pathway,,,,,,leaver@example.org";
	const char	*bad = "child_ref,review_date,review_type,iro,"
	    "parent_contact,carer_contact\n"
	    "B-1,2026-12-15,cic,,01632 960000,\n"
	    "B-2,2027-02-30,respite,,,\n"
	    "B-3,2026-12-15,cic,,bad@,\"1 Road|Town|Northshire\"\n"
	    "B-4,2026-12-15,cic\n"
	    "B-5,2026-12-15,cic,,\"open,\n"
	    ",2026-12-15,cic,,,\n"
	    "B-7,2026-12-15,cic,,,\n"
	    "B-7,2026-12-15,cic,,,\n";
	char	 m[64];

	CHECK(week_parse(good, strlen(good), &p) == 0);
	CHECK(p.n == 3);
	CHECK(p.nforms == 5 + 5 + 3 && p.ncontacts == 5);
	CHECK(p.rv[0].lineno == 2 && p.rv[1].lineno == 4 && p.rv[2].lineno == 5);
	/* Under 12: the child's form, reached by child_contact. */
	CHECK(p.rv[0].want[0] && p.rv[0].has[0] && p.rv[0].kind[0] == CONTACT_EMAIL);
	CHECK(p.rv[0].has[3] && p.rv[0].kind[3] == CONTACT_SMS);
	CHECK(p.rv[0].has[4] && p.rv[0].kind[4] == CONTACT_LETTER);
	CHECK_STR(p.rv[0].contact[4], "2 Low Road|Northtown|NT2 2BB");
	/* Over 12: young_person, and child_contact moves with them. */
	CHECK(!p.rv[1].want[0] && p.rv[1].want[1] && p.rv[1].has[1]);
	CHECK(p.rv[1].contact[0][0] == '\0');
	CHECK(p.rv[2].want[2] && p.rv[2].want[4] && p.rv[2].want[7]);
	week_mask(CONTACT_EMAIL, p.rv[0].contact[0], m, sizeof(m));
	CHECK_STR(m, "s***@example.org");
	week_mask(CONTACT_SMS, p.rv[0].contact[3], m, sizeof(m));
	CHECK_STR(m, "a mobile ending 111");
	week_mask(CONTACT_LETTER, p.rv[0].contact[4], m, sizeof(m));
	CHECK_STR(m, "an address in NT2 2BB");
	week_free(&p);
	CHECK(p.rv == NULL && p.n == 0);

	CHECK(week_parse(bad, strlen(bad), &p) == 9);
	CHECK(has_err(&p, 2, "parent_contact: A text needs a UK mobile"));
	CHECK(has_err(&p, 3, "review_date '2027-02-30' is not a date"));
	CHECK(has_err(&p, 3, "review_type must be cic or pathway"));
	CHECK(has_err(&p, 4, "parent_contact: An email address"));
	CHECK(has_err(&p, 4, "carer_contact: The last line of an address"));
	CHECK(has_err(&p, 5, "3 fields, the header has 6"));
	CHECK(has_err(&p, 6, "a quoted field is not closed"));
	CHECK(has_err(&p, 7, "child_ref must be 1 to 60"));
	CHECK(has_err(&p, 9, "the same review as line 8"));
	week_free(&p);

	CHECK(week_parse("", 0, &p) == 1 && has_err(&p, 1, "empty"));
	week_free(&p);
	CHECK(week_parse("child_ref,review_date,iro,sibling_contact\n", 42,
	    &p) == 2);
	CHECK(has_err(&p, 1, "'sibling_contact' is not a column"));
	CHECK(has_err(&p, 1, "no column review_type"));
	week_free(&p);
	CHECK(week_parse("child_ref,review_date,review_type,iro\n", 38,
	    &p) == 1 && has_err(&p, 2, "no reviews"));
	week_free(&p);
	CHECK(week_parse("child_ref,review_date,review_type,iro\nW\0,x", 43,
	    &p) == 1 && has_err(&p, 2, "not UTF-8"));
	week_free(&p);
}
