/*
 * csv: reading and writing CSV fields (RFC 4180), for the tracker
 * import and the report export.
 */
#ifndef HEARD_CSV_H
#define HEARD_CSV_H

#include "buf.h"

int	 csv_split(char *, char **, int);
void	 csv_field(struct buf *, const char *);

#endif
