/*
 * page_passport: an IRO's passport (issue 15 item 3): their own page to
 * set it, an admin setting a first name from the Staff page, and the
 * routes that send a passport photo (to staff, and to the person whose
 * form it is).
 */
#ifndef HEARD_PAGE_PASSPORT_H
#define HEARD_PAGE_PASSPORT_H

#include "page.h"

enum { PASS_FIRST, PASS_FACE, PASS_ABOUT, PASS_REMOVE, PASS_SAVED,
    PASS__N };
enum { PASS_NAME_USER, PASS_NAME_FIRST, PASS_NAME__N };
enum { PASS_PHOTO_ID, PASS_PHOTO__N };

extern const struct field passport_fields[PASS__N];
extern const struct field passport_name_fields[PASS_NAME__N];
extern const struct field passport_photo_fields[PASS_PHOTO__N];

void	 passport_page(struct req *, struct resp *, const struct session *);
void	 passport_first_name(struct req *, struct resp *,
	    const struct session *);
void	 passport_staff_photo(struct req *, struct resp *,
	    const struct session *);
void	 passport_form_photo(struct req *, struct resp *,
	    const struct session *);

#endif
