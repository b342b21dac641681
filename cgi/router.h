/*
 * router: the table of pages and the checks every request passes before
 * a page's handler sees it.
 */
#ifndef HEARD_ROUTER_H
#define HEARD_ROUTER_H

#include "http.h"

const char *router_handle(struct req *, struct resp *, int);
const char *const *router_templates(void);

#endif
