/*
 * forms: form definitions (templates/forms/AUDIENCE.form, see the
 * README there), the audiences, and validation of a person's answers.
 *
 * Answers travel as a struct kvlist of (question id, value) pairs: a
 * many-of question has one pair per choice, a date question one pair
 * "YYYY-MM-DD" (or, while it is wrong, its typed parts ID-day, ID-month
 * and ID-year, so nothing typed is lost).  form_encode() turns them
 * into urlencoded text for sealing; http_parse_urlencoded() reads it back.
 */
#ifndef HEARD_FORMS_H
#define HEARD_FORMS_H

#include <stddef.h>

#include "buf.h"
#include "http.h"
#include "vocab.h"

#define FORM_NAUDIENCES	13
#define FORM_HELP_MAX	6	/* "help:" lines on one page */

enum q_type {
	Q_SHORT,
	Q_LONG,
	Q_ONE,
	Q_MANY,
	Q_FEELINGS,
	Q_YESNO,
	Q_DATE,
};

struct form_option {
	char	*value;
	char	*text;
	char	*picture;	/* file in static/img, or NULL */
};

struct form_question {
	char			*id;
	enum q_type		 type;
	char			*label;
	char			*hint;
	char			*error;		/* message when required and empty */
	char			*section;	/* a section heading starts here */
	int			 required;
	int			 private;
	int			 retired;	/* no longer asked; past answers shown */
	char			*brief;		/* its line in the IRO's summary */
	size_t			 max;		/* characters, for text */
	struct form_option	*opts;
	size_t			 nopts;
	char			*cond_id;	/* show-if question, or NULL */
	char			**cond_vals;
	size_t			 ncond;
	size_t			 page;
	int			 line;
};

struct form_page {
	char	*heading;
	char	*intro;
	char	*picture;	/* file in static/img, or NULL */
	char	**help;		/* "help:" lines: the help-now box */
	size_t	 nhelp;
	size_t	 first;		/* index of its first question */
	size_t	 count;
};

struct form {
	char			*audience;
	char			*title;
	char			*intro;
	char			*thanks;
	int			 child_style;
	struct form_page	*pages;
	size_t			 npages;
	struct form_question	*qs;
	size_t			 nq;
};

/* An error against one question, shown next to it and in the summary. */
struct form_error {
	size_t		 q;	/* index into form->qs */
	const char	*msg;	/* static text */
};

/*
 * Called for each text of a form with (file, line, english, arg); a
 * non-zero return stops the walk and is returned.
 */
typedef int (*form_text_fn)(const char *, int, const char *, void *);

int	 form_audience_index(const char *);
int	 form_texts(const char *, const char *, form_text_fn, void *);
const char *form_audience_name(const char *);
int	 form_parse(const char *, const char *, size_t, const char *,
	    struct form *, char *, size_t);
int	 form_load_dir(const char *, const char *, char *, size_t);
const struct form *form_get(const char *);
void	 form_free(struct form *);
void	 form_free_all(void);
const struct form_option *form_options(const struct form_question *,
	    size_t *);
int	 form_shown(const struct form *, size_t, const struct kvlist *);
int	 form_page_shown(const struct form *, size_t, const struct kvlist *);
size_t	 form_read_page(const struct form *, size_t, const struct kvlist *,
	    struct kvlist *, struct form_error *, size_t);
size_t	 form_check_all(const struct form *, struct kvlist *,
	    struct form_error *, size_t);
void	 form_encode(const struct kvlist *, struct buf *);
size_t	 form_chars(const char *);
const char *form_page_intro(const struct form *, size_t);

#endif
