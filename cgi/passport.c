/*
 * passport: check and keep an IRO's passport (see passport.h).  Every
 * change is one transaction with its audit line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "http.h"
#include "log.h"
#include "passport.h"
#include "vocab.h"

/* Characters (UTF-8 code points) in s. */
size_t
passport_chars(const char *s)
{
	size_t	 n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/*
 * Is s a first name Heard will show: one line of at most
 * PASSPORT_FIRST_MAX characters, with no digits, '@' or '<' (a name,
 * not an email address or anything else)?  "" removes it.  NULL when
 * good, else the mistake in words for the field.
 */
const char *
passport_first_check(const char *s)
{
	if (s == NULL || *s == '\0')
		return NULL;
	if (!http_field_ok(FT_LINE, s, strlen(s)))
		return "Enter the first name on one line";
	if (passport_chars(s) > PASSPORT_FIRST_MAX)
		return "The first name must be 40 characters or fewer";
	if (strpbrk(s, "0123456789@<>/\\:;") != NULL)
		return "Enter a first name only, such as Sam: no numbers, "
		    "email addresses or symbols";
	return NULL;
}

/*
 * Are s the few words about them: text of at most PASSPORT_ABOUT_MAX
 * characters?  NULL when good (or empty), else the mistake in words.
 */
const char *
passport_about_check(const char *s)
{
	if (s == NULL || *s == '\0')
		return NULL;
	if (!http_field_ok(FT_TEXT, s, strlen(s)))
		return "Enter the words as plain text";
	if (passport_chars(s) > PASSPORT_ABOUT_MAX)
		return "Write 300 characters or fewer about yourself";
	return NULL;
}

/*
 * Is s a drawn face's number (VOCAB_PASSPORT_FACE), or "" / NULL for
 * none?  Sets *face (0 for none).  NULL when good, else the mistake.
 */
const char *
passport_face_check(const char *s, int *face)
{
	*face = 0;
	if (s == NULL || *s == '\0')
		return NULL;
	if (vocab_find(VOCAB_PASSPORT_FACE, s) == NULL)
		return "Choose one of the faces";
	*face = atoi(s);
	return NULL;
}

/*
 * Keep staff member id's first name, face (0: none) and words about
 * them, audited ("passport", with the account's name).  The caller has
 * checked each.  DB_OK or DB_ERR (logged).
 */
int
passport_save(int64_t id, const char *first, int face, const char *about)
{
	struct db_passport p;

	if (db_begin() != DB_OK)
		return DB_ERR;
	if (db_passport_get(id, &p) != DB_OK ||
	    db_passport_set(id, first, face, about) != DB_OK ||
	    db_audit(0, "passport", p.username) != DB_OK) {
		db_rollback();
		return DB_ERR;
	}
	return db_commit();
}

/* Keep staff member id's first name alone, audited as passport_save(). */
int
passport_name_save(int64_t id, const char *first)
{
	struct db_passport p;

	if (db_begin() != DB_OK)
		return DB_ERR;
	if (db_passport_get(id, &p) != DB_OK ||
	    db_passport_name(id, first) != DB_OK ||
	    db_audit(0, "passport", p.username) != DB_OK) {
		db_rollback();
		return DB_ERR;
	}
	return db_commit();
}

/*
 * Keep png (a PNG img_photo() made; NULL removes the photo) as staff
 * member id's photo, audited ("passport-photo").  DB_OK or DB_ERR.
 */
int
passport_photo_save(int64_t id, const struct buf *png)
{
	struct db_passport p;

	if (db_begin() != DB_OK)
		return DB_ERR;
	if (db_passport_get(id, &p) != DB_OK ||
	    db_passport_photo_set(id, png) != DB_OK ||
	    db_audit(0, "passport-photo", p.username) != DB_OK) {
		db_rollback();
		return DB_ERR;
	}
	return db_commit();
}
