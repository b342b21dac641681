/*
 * page_report: return rates for managers and the admin team, their CSV
 * export, the targets they are measured against, and the SSDA903
 * export.
 */
#ifndef HEARD_PAGE_REPORT_H
#define HEARD_PAGE_REPORT_H

#include "page.h"

enum { REP_FROM, REP_TO, REP_BY, REP__N };

extern const struct field rep_fields[REP__N];

void	 rep_page(struct req *, struct resp *, const struct session *);
void	 rep_held_csv(struct req *, struct resp *, const struct session *);
void	 rep_pn_csv(struct req *, struct resp *, const struct session *);
void	 rep_ssda903(struct req *, struct resp *, const struct session *);
void	 rep_csv(struct req *, struct resp *, const struct session *);
void	 rep_svg(struct req *, struct resp *, const struct session *);
void	 rep_targets(struct req *, struct resp *, const struct session *);

#endif
