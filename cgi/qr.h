/*
 * qr: QR codes drawn as inline SVG, for the links printed on letters.
 * libqrencode does the encoding (error correction level M, 8-bit
 * mode); this module only draws.  The SVG holds geometry and the
 * caller's label, never the encoded text: a letter's link carries a
 * secret token, and the page must not hold a second copy of it.
 */
#ifndef HEARD_QR_H
#define HEARD_QR_H

#include "buf.h"

#define QR_QUIET	4	/* light modules around the symbol */

int	 qr_svg(const char *, const char *, struct buf *);

#endif
