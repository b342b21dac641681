/*
 * passport: the IRO passport (issue 15 item 3): what a member of staff
 * shows the children and families they work with: a first name, a
 * picture (a drawn face or their own photo, re-encoded by img.c) and a
 * few words about themselves.  Checked here, once, for the staff pages
 * and heardctl alike.  Floor 2.
 */
#ifndef HEARD_PASSPORT_H
#define HEARD_PASSPORT_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"

#define PASSPORT_FIRST_MAX	40	/* characters of a first name */
#define PASSPORT_ABOUT_MAX	300	/* characters about them */
#define PASSPORT_WHY		160	/* room for a photo's refusal */

const char *passport_first_check(const char *);
const char *passport_about_check(const char *);
const char *passport_face_check(const char *, int *);
int	 passport_save(int64_t, const char *, int, const char *);
int	 passport_name_save(int64_t, const char *);
int	 passport_photo_save(int64_t, const struct buf *);
size_t	 passport_chars(const char *);

#endif
