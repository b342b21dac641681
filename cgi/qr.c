/*
 * qr: the QR code of a text as a self-contained SVG.  The dark modules
 * are one path of unit squares in a viewBox counted in modules, so the
 * code scales to any size without blurring; width and height make it
 * 30 mm across on paper (0.7 mm a module for a link of about 80
 * characters, well above what a phone camera needs).
 */
#include <string.h>

#include <qrencode.h>

#include "qr.h"
#include "tmpl.h"

#define QR_SIZE		"30mm"	/* printed width and height */

/*
 * Append the path data of the dark modules of q to out: one
 * "M x y h n v 1 h -n z" rectangle per run of dark modules in a row,
 * shifted by the quiet zone.
 */
static void
qr_path(const QRcode *q, struct buf *out)
{
	int	 x, y, run;

	for (y = 0; y < q->width; y++) {
		for (x = 0; x < q->width; x += run) {
			run = 0;
			while (x + run < q->width &&
			    (q->data[y * q->width + x + run] & 1))
				run++;
			if (run == 0) {
				run = 1;
				continue;
			}
			buf_printf(out, "M%d %dh%dv1h-%dz", x + QR_QUIET,
			    y + QR_QUIET, run, run);
		}
	}
}

/*
 * Append to out the QR code of text (error correction level M, 8-bit
 * mode) as an <svg> element: a white square with a quiet zone of
 * QR_QUIET modules, one <path> of the dark modules, role="img", and
 * label (plain text, escaped here; NULL for "QR code") as its
 * aria-label.  The text itself is never written.  Returns 0, or -1
 * with out unchanged when text is empty or too long for any QR code
 * (over 2,331 bytes at level M) or libqrencode runs out of memory.
 * The caller owns out.
 */
int
qr_svg(const char *text, const char *label, struct buf *out)
{
	QRcode	*q;
	size_t	 n = strlen(text);
	int	 side;

	if (n == 0 || n > 4096)
		return -1;
	if ((q = QRcode_encodeData((int)n, (const unsigned char *)text, 0,
	    QR_ECLEVEL_M)) == NULL)
		return -1;
	side = q->width + 2 * QR_QUIET;
	buf_puts(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "class=\"qr\" role=\"img\" aria-label=\"");
	if (label == NULL)
		label = "QR code";
	tmpl_escape(out, label, strlen(label));
	buf_printf(out, "\" viewBox=\"0 0 %d %d\" width=\"" QR_SIZE "\" "
	    "height=\"" QR_SIZE "\" shape-rendering=\"crispEdges\">"
	    "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>"
	    "<path fill=\"#000\" d=\"", side, side, side, side);
	qr_path(q, out);
	buf_puts(out, "\"/></svg>");
	QRcode_free(q);
	return 0;
}
