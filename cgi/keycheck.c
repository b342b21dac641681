/*
 * keycheck: is the key file loaded by cr_init() the one this database
 * was sealed with?  Floor 2: crypto and db, no pages.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "crypto.h"
#include "db.h"
#include "keycheck.h"

#define CHECK_META	"key_check"

/*
 * Check the loaded key against the database open now.  A database with
 * a check value must match it.  One without (made before the value
 * existed) gets one written when the key opens a sealed value, or when
 * nothing is sealed yet.  With the right key, labels and dates of birth
 * still plain are sealed (migration 12).  Returns 0, or -1 with "keyfile:0: what is
 * wrong" in err.
 */
int
key_verify(const char *keyfile, char *err, size_t errlen)
{
	char		 want[CR_TOKEN_LEN + 1], have[CR_TOKEN_LEN + 8];
	struct buf	 box = { 0 }, pt = { 0 };
	char		 table;
	int64_t		 id;
	uint32_t	 ver;
	int		 rc, opens;

	db_set_box_fns(cr_open, cr_seal);
	cr_key_check(want);
	rc = db_meta_get(CHECK_META, have, sizeof(have));
	if (rc == DB_OK) {
		if (cr_equal(have, want, sizeof(want)))
			goto plain;
		snprintf(err, errlen, "%s:0: this is not the key the database "
		    "was sealed with (its key check value differs); use the "
		    "key file that belongs to it", keyfile);
		return -1;
	}
	if (rc != DB_NOTFOUND)
		goto dberr;
	rc = db_sealed_one(&table, &id, &ver, &box);
	if (rc == DB_ERR)
		goto dberr;
	opens = rc == DB_NOTFOUND ||
	    cr_open(ver, table, id, box.data, box.len, &pt) == 0;
	buf_free(&box);
	buf_free(&pt);
	if (!opens) {
		snprintf(err, errlen, "%s:0: this is not the key the database "
		    "was sealed with (it cannot open what is sealed); use the "
		    "key file that belongs to it", keyfile);
		return -1;
	}
	if (db_meta_set(CHECK_META, want) != DB_OK)
		goto dberr;
plain:
	/* Labels and dates of birth written plain are sealed now, once. */
	if (db_seal_plain() != DB_OK)
		goto dberr;
	return 0;
dberr:
	snprintf(err, errlen, "%s:0: cannot read or write the key check "
	    "value or seal plain values in the database", keyfile);
	return -1;
}

/*
 * 1 if the database open now needs its own key: it holds a key check
 * value or anything sealed (a new key could never open it); else 0.
 * A database error counts as needing it.
 */
int
key_needed(void)
{
	char		 have[CR_TOKEN_LEN + 8];
	struct buf	 box = { 0 };
	char		 table;
	int64_t		 id;
	uint32_t	 ver;
	int		 rc;

	if ((rc = db_meta_get(CHECK_META, have, sizeof(have))) != DB_NOTFOUND)
		return 1;
	rc = db_sealed_one(&table, &id, &ver, &box);
	buf_free(&box);
	return rc != DB_NOTFOUND;
}
