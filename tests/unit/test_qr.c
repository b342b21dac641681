/*
 * Unit tests for qr.c: the SVG is well formed, draws exactly the
 * modules libqrencode gives inside a quiet zone of four, is the same
 * for the same text and different for another, never holds the text,
 * and refuses a text too long for any QR code.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

#include "check.h"
#include "qr.h"

#define LINK	"https://heard.example.gov.uk/c/" TOKEN
#define TOKEN	"Qm9vdGxlZ2dlZC1zZWNyZXQtdG9rZW4tZm9yLXRlc3Q"

/*
 * Check that svg is one <svg> element holding a <rect> and one <path>,
 * every tag closed, every attribute value quoted, and nothing outside
 * the element.  Returns 1 if so, else 0.
 */
static int
well_formed(const char *svg)
{
	const char	*p = svg, *want[] = { "<svg ", "<rect ", "<path ",
	    "</svg>" };
	size_t		 i, n;

	for (i = 0; i < 4; i++) {
		if (strncmp(p, want[i], strlen(want[i])) != 0)
			return 0;
		/* To the tag's end, stepping over quoted values. */
		for (p++; *p != '>'; p++) {
			if (*p == '\0' || *p == '<')
				return 0;
			if (*p == '"' && (p = strchr(p + 1, '"')) == NULL)
				return 0;
		}
		n = (size_t)(p - svg);
		if (i == 1 || i == 2)
			if (svg[n - 1] != '/')
				return 0;
		p++;
	}
	return *p == '\0';
}

/*
 * Fill dark[] (side x side, zeroed by the caller) from the path data
 * of svg, checking each rectangle is "Mx yhNv1h-Nz" and inside side.
 * Returns 0, or -1 for anything else.
 */
static int
draw(const char *svg, int side, unsigned char *dark)
{
	const char	*d = strstr(svg, " d=\"");
	int		 x, y, run, back, used, i;

	if (d == NULL)
		return -1;
	for (d += 4; *d != '"'; d += used) {
		used = 0;
		if (sscanf(d, "M%d %dh%dv1h-%dz%n", &x, &y, &run, &back,
		    &used) != 4 || used == 0 || run != back || run < 1 ||
		    x < 0 || y < 0 || x + run > side || y >= side)
			return -1;
		for (i = 0; i < run; i++) {
			if (dark[y * side + x + i])
				return -1;	/* drawn twice */
			dark[y * side + x + i] = 1;
		}
	}
	return 0;
}

void
test_qr_svg(void)
{
	struct buf	 a = { 0 }, b = { 0 }, c = { 0 };
	QRcode		*q;
	unsigned char	*dark;
	char		 vb[64], window[9];
	int		 side, x, y, same = 1;
	size_t		 i;

	CHECK(qr_svg(LINK, "QR code of your link", &a) == 0);
	CHECK(well_formed(buf_str(&a)));
	CHECK(strstr(buf_str(&a), "shape-rendering=\"crispEdges\"") != NULL);
	CHECK(strstr(buf_str(&a), "role=\"img\"") != NULL);
	CHECK(strstr(buf_str(&a), "aria-label=\"QR code of your link\"") !=
	    NULL);
	CHECK(strstr(buf_str(&a), "width=\"30mm\" height=\"30mm\"") != NULL);

	/* The viewBox is the symbol and four light modules on each side. */
	q = QRcode_encodeString8bit(LINK, 0, QR_ECLEVEL_M);
	CHECK(q != NULL);
	if (q == NULL)
		goto out;
	side = q->width + 2 * 4;
	snprintf(vb, sizeof(vb), "viewBox=\"0 0 %d %d\"", side, side);
	CHECK(strstr(buf_str(&a), vb) != NULL);
	CHECK(q->width == 37);		/* version 5 for an 80-byte link */

	/* The path draws exactly libqrencode's dark modules, and nothing
	 * in the quiet zone. */
	dark = xcalloc((size_t)side * side, 1);
	CHECK(draw(buf_str(&a), side, dark) == 0);
	for (y = 0; y < side; y++)
		for (x = 0; x < side; x++) {
			int in = x >= 4 && y >= 4 && x < side - 4 &&
			    y < side - 4;
			int want = in &&
			    (q->data[(y - 4) * q->width + x - 4] & 1);
			if (dark[y * side + x] != want)
				same = 0;
		}
	CHECK(same);
	free(dark);
	QRcode_free(q);

	/* The same text, the same SVG; another text, another SVG. */
	CHECK(qr_svg(LINK, "QR code of your link", &b) == 0);
	CHECK_STR(buf_str(&a), buf_str(&b));
	buf_reset(&b);
	CHECK(qr_svg(LINK "x", "QR code of your link", &b) == 0);
	CHECK(strcmp(buf_str(&a), buf_str(&b)) != 0);

	/* Neither the link nor any 8 characters of its token appear. */
	CHECK(strstr(buf_str(&a), LINK) == NULL);
	for (i = 0; i + 8 <= strlen(TOKEN); i++) {
		memcpy(window, TOKEN + i, 8);
		window[8] = '\0';
		CHECK(strstr(buf_str(&a), window) == NULL);
	}

	/* The label is escaped. */
	CHECK(qr_svg("x", "<b>\"&'", &c) == 0);
	CHECK(strstr(buf_str(&c), "aria-label=\"&lt;b&gt;&quot;&amp;&#39;\"")
	    != NULL);
	CHECK(well_formed(buf_str(&c)));
out:
	buf_free(&a);
	buf_free(&b);
	buf_free(&c);
}

void
test_qr_limits(void)
{
	struct buf	 out = { 0 };
	char		*big = xmalloc(5000);

	/* 2,331 bytes is the most a version 40 code holds at level M. */
	memset(big, 'a', 2331);
	big[2331] = '\0';
	CHECK(qr_svg(big, NULL, &out) == 0);
	CHECK(strstr(buf_str(&out), "aria-label=\"QR code\"") != NULL);
	CHECK(strstr(buf_str(&out), "viewBox=\"0 0 185 185\"") != NULL);
	buf_reset(&out);
	big[2331] = 'a';
	big[2332] = '\0';
	CHECK(qr_svg(big, NULL, &out) == -1);
	CHECK(out.len == 0);
	memset(big, 'a', 4999);
	big[4999] = '\0';
	CHECK(qr_svg(big, NULL, &out) == -1);
	CHECK(qr_svg("", NULL, &out) == -1);
	CHECK(out.len == 0);
	free(big);
	buf_free(&out);
}
