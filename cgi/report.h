/*
 * report: return rates, computed in one place for the admin pages and
 * heardctl alike.  Definitions are those of ../shared/DOMAIN.md: a
 * consultation belongs to the period it was sent in; returned counts
 * every channel; late is returned after the review date; the rate is
 * returned / sent as a whole percent rounded half up.
 */
#ifndef HEARD_REPORT_H
#define HEARD_REPORT_H

#include <stdint.h>

#include "buf.h"
#include "db.h"

struct report_row {
	char	 group[128];
	int64_t	 sent;
	int64_t	 returned;
	int64_t	 late;
	int	 rate;		/* percent, -1 when nothing was sent */
	int	 target;	/* percent, -1 when none is set */
	int64_t	 prev_sent;
	int64_t	 prev_returned;
	int	 prev_rate;
	int64_t	 open;		/* not returned, and may still be */
	int64_t	 not_returned;	/* not returned, and closed */
};

/* What a period is compared with (report_previous). */
enum report_prev {
	REP_PREV_BEFORE,	/* the period of the same length just before */
	REP_PREV_YEAR,		/* a financial year: the one before */
	REP_PREV_SPAN,		/* a year to date: the same span a year before */
};

struct report {
	enum db_group	 by;
	char		 from[11], to[11];	/* inclusive */
	char		 pfrom[11], pto[11];	/* the period before */
	int		 prev_kind;		/* enum report_prev */
	struct report_row *rows;
	size_t		 n;
	struct report_row all;
};

int	 report_rate(int64_t, int64_t);
int	 report_group(const char *);
const char *report_group_name(enum db_group);
void	 report_financial_year(const char *, char [11], char [11]);
int	 report_fy(const char *);
int	 report_previous(const char *, const char *, char [11], char [11]);
const char *report_previous_words(int);
int	 report_build(struct report *, enum db_group, const char *,
	    const char *);
void	 report_free(struct report *);
void	 report_csv(const struct report *, struct buf *);
const char *report_label(const struct report *, const struct report_row *);
void	 report_json(const struct report *, struct buf *);
void	 report_table(const struct report *, struct buf *);
void	 report_text(const struct report *, struct buf *);

/*
 * Reviews held within timescale, the service's headline measure: of
 * the reviews held in a period (by the day held) whose due date is
 * known, those held on or before it.  Reviews without a due date (no
 * day the child became looked after is known) are counted apart.
 */
struct report_held_row {
	char	 group[128];
	int64_t	 held;
	int64_t	 in_time;
	int64_t	 unknown;
	int	 rate;		/* percent, -1 when none was held */
	int64_t	 prev_held;
	int64_t	 prev_in_time;
	int	 prev_rate;
};

struct report_held {
	enum db_held_group by;
	char		 from[11], to[11];
	char		 pfrom[11], pto[11];
	int		 prev_kind;		/* enum report_prev */
	struct report_held_row *rows;
	size_t		 n;
	struct report_held_row all;
};

int	 report_held_group(const char *);
int	 report_held_build(struct report_held *, enum db_held_group,
	    const char *, const char *);
void	 report_held_free(struct report_held *);
void	 report_held_line(const struct report_held_row *, struct buf *);
void	 report_held_csv(const struct report_held *, struct buf *);
void	 report_held_text(const struct report_held *, struct buf *);

/*
 * The figures an IRO annual report prints (issue 13 item 13), of the
 * reviews held in a period (by the day held): among children aged 4
 * and over on that day with a participation code, those who took part
 * (PN1-PN6), attended (PN1-PN4) and conveyed their views by a form or
 * other medium (PN6); and of every review held whose format is
 * recorded, the share held in person, against the in_person_target
 * setting.  Children under 4, without a date of birth, and reviews
 * without a code or format are counted apart.
 */
struct report_pn_row {
	char	 group[128];
	int64_t	 n[DB_PN__N];		/* this period (enum db_pn_count) */
	int64_t	 prev[DB_PN__N];	/* the period before */
};

struct report_pn {
	enum db_held_group by;
	char		 from[11], to[11];
	char		 pfrom[11], pto[11];
	int		 prev_kind;		/* enum report_prev */
	int		 target;		/* in person, percent; -1: none */
	struct report_pn_row *rows;
	size_t		 n;
	struct report_pn_row all;
};

/* The four figures of the participation report, in the order printed. */
enum report_pn_figure {
	REP_PN_TOOK_PART,
	REP_PN_ATTENDED,
	REP_PN_MEDIUM,
	REP_PN_IN_PERSON,
	REP_PN__N
};

int	 report_pn_target(void);
int	 report_pn_build(struct report_pn *, enum db_held_group,
	    const char *, const char *);
void	 report_pn_free(struct report_pn *);
void	 report_pn_period(const char *, const char *, struct buf *);
void	 report_pn_figure(const int64_t *, enum report_pn_figure,
	    int64_t *, int64_t *);
void	 report_pn_line(const struct report_pn *, const int64_t *, int,
	    enum report_pn_figure, struct buf *);
void	 report_pn_short(const int64_t *, struct buf *);
void	 report_pn_apart(const struct report_pn *, struct buf *);
void	 report_pn_csv(const struct report_pn *, struct buf *);
void	 report_pn_text(const struct report_pn *, struct buf *);

/* The SSDA903 Reviews table (the DfE's return on children looked after). */
const char *report_903_problem(const char *, const char *, const char *);
int	 report_ssda903(const char *, const char *, struct buf *,
	    struct buf *);

#endif
