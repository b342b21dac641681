/*
 * img: a photo made safe to keep and show.  A JPEG or PNG is decoded
 * completely (libjpeg, libpng), its size checked, cropped to a square
 * from its middle, scaled down and written again as a new PNG holding
 * pixels alone: no EXIF, GPS, comment or text chunk of the original can
 * survive, because nothing of the original but its pixels is read.
 * Pure (no I/O), so unit tests and a fuzz target drive it.  Floor 1.
 */
#ifndef HEARD_IMG_H
#define HEARD_IMG_H

#include <stddef.h>

#include "buf.h"

#define IMG_MAX_FILE	(200 * 1024)	/* most bytes of a photo sent */
#define IMG_MAX_SIDE	8000		/* most pixels on a side */
#define IMG_MAX_PIXELS	(24 * 1000 * 1000)	/* most pixels in all */
#define IMG_MIN_SIDE	64		/* fewest pixels on a side */
#define IMG_SIDE	160		/* the PNG kept is at most this square */
#define IMG_WHY		160		/* room for a reason refused */

int	 img_photo(const unsigned char *, size_t, struct buf *, char *,
	    size_t);
int	 img_is_png(const unsigned char *, size_t);

#endif
