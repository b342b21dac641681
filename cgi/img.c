/*
 * img: decode a JPEG or PNG photo completely, check it, and write it
 * again as a small PNG of pixels alone (see img.h).
 *
 * Why this shape: metadata (EXIF with GPS, JPEG comments, PNG text
 * chunks, ICC profiles) is not stripped from the original but never
 * carried over, since the new PNG is made from decoded pixels; and a
 * decompression bomb is refused by its declared size before any pixel
 * buffer is allocated, while a big JPEG is decoded at 1/2 to 1/8 scale.
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <png.h>

#include "img.h"

/* A decoded picture: 8-bit RGB, rows packed. */
struct rgb {
	unsigned char	*px;
	size_t		 w, h;
};

/* libjpeg's error manager with somewhere to jump and a warning flag. */
struct jerr {
	struct jpeg_error_mgr	 mgr;
	jmp_buf			 jump;
	int			 warned;
};

/* libjpeg's fatal error: leave through the jump (never returns). */
static void
jpeg_fail(j_common_ptr ci)
{
	longjmp(((struct jerr *)ci->err)->jump, 1);
}

/*
 * libjpeg's messages: a warning (level -1: corrupt data, a premature
 * end) makes the photo refused, so only a file that decodes completely
 * and cleanly is taken.  Nothing is printed.
 */
static void
jpeg_message(j_common_ptr ci, int level)
{
	if (level < 0)
		((struct jerr *)ci->err)->warned = 1;
}

/* Is the size w x h one Heard will decode?  0, or -1 with why set. */
static int
size_ok(size_t w, size_t h, char *why, size_t n)
{
	if (w > IMG_MAX_SIDE || h > IMG_MAX_SIDE ||
	    w * h > IMG_MAX_PIXELS) {
		snprintf(why, n, "The photo is too big (%zu by %zu pixels): "
		    "it can be at most %d pixels wide and high", w, h,
		    IMG_MAX_SIDE);
		return -1;
	}
	if (w < IMG_MIN_SIDE || h < IMG_MIN_SIDE) {
		snprintf(why, n, "The photo is too small (%zu by %zu pixels): "
		    "it must be at least %d pixels wide and high", w, h,
		    IMG_MIN_SIDE);
		return -1;
	}
	return 0;
}

/*
 * Decode JPEG data (len bytes) into out, at the smallest of 1/8, 1/4,
 * 1/2 or full scale that keeps the short side at least IMG_SIDE.  The
 * caller frees out->px.  0, or -1 with why set (out->px NULL).
 */
static int
jpeg_rgb(const unsigned char *data, size_t len, struct rgb *out, char *why,
    size_t n)
{
	struct jpeg_decompress_struct ci;
	struct jerr	 je;
	JSAMPROW	 row;
	/* volatile: assigned after setjmp and read after the jump. */
	unsigned char	*volatile px = NULL;
	size_t		 w, h, shortest, stride;
	unsigned	 denom;

	memset(&je, 0, sizeof(je));
	ci.err = jpeg_std_error(&je.mgr);
	je.mgr.error_exit = jpeg_fail;
	je.mgr.emit_message = jpeg_message;
	out->px = NULL;
	if (setjmp(je.jump)) {
		free(px);
		jpeg_destroy_decompress(&ci);
		snprintf(why, n, "The photo could not be read: the file is "
		    "damaged or is not a whole JPEG");
		return -1;
	}
	jpeg_create_decompress(&ci);
	jpeg_mem_src(&ci, data, (unsigned long)len);
	if (jpeg_read_header(&ci, TRUE) != JPEG_HEADER_OK)
		jpeg_fail((j_common_ptr)&ci);
	w = ci.image_width;
	h = ci.image_height;
	if (size_ok(w, h, why, n) == -1) {
		jpeg_destroy_decompress(&ci);
		return -1;
	}
	shortest = w < h ? w : h;
	for (denom = 8; denom > 1 && shortest / denom < IMG_SIDE; denom /= 2)
		;
	ci.scale_num = 1;
	ci.scale_denom = denom;
	ci.out_color_space = JCS_RGB;	/* grey is expanded; CMYK fails */
	jpeg_start_decompress(&ci);
	if (ci.output_components != 3)
		jpeg_fail((j_common_ptr)&ci);
	stride = (size_t)ci.output_width * 3;
	px = malloc(stride * ci.output_height);
	if (px == NULL)
		jpeg_fail((j_common_ptr)&ci);
	while (ci.output_scanline < ci.output_height) {
		row = px + stride * ci.output_scanline;
		if (jpeg_read_scanlines(&ci, &row, 1) != 1)
			jpeg_fail((j_common_ptr)&ci);
	}
	jpeg_finish_decompress(&ci);
	out->w = ci.output_width;
	out->h = ci.output_height;
	jpeg_destroy_decompress(&ci);
	if (je.warned) {
		free(px);
		snprintf(why, n, "The photo could not be read: the file is "
		    "damaged or is not a whole JPEG");
		return -1;
	}
	out->px = px;
	return 0;
}

/*
 * Decode PNG data (len bytes) into out, transparency laid on white.
 * The caller frees out->px.  0, or -1 with why set (out->px NULL).
 */
static int
png_rgb(const unsigned char *data, size_t len, struct rgb *out, char *why,
    size_t n)
{
	png_image	 im;
	png_color	 white = { 255, 255, 255 };

	memset(&im, 0, sizeof(im));
	im.version = PNG_IMAGE_VERSION;
	out->px = NULL;
	if (!png_image_begin_read_from_memory(&im, data, len)) {
		snprintf(why, n, "The photo could not be read: the file is "
		    "damaged or is not a whole PNG");
		return -1;
	}
	if (size_ok(im.width, im.height, why, n) == -1) {
		png_image_free(&im);
		return -1;
	}
	im.format = PNG_FORMAT_RGB;
	out->w = im.width;
	out->h = im.height;
	if ((out->px = malloc(PNG_IMAGE_SIZE(im))) == NULL ||
	    !png_image_finish_read(&im, &white, out->px, 0, NULL) ||
	    PNG_IMAGE_FAILED(im)) {
		free(out->px);
		out->px = NULL;
		png_image_free(&im);
		snprintf(why, n, "The photo could not be read: the file is "
		    "damaged or is not a whole PNG");
		return -1;
	}
	png_image_free(&im);
	return 0;
}

/*
 * The middle square of in, scaled to side x side by averaging the
 * pixels each output pixel covers (a box filter: side is never more
 * than the square's).  The caller frees the result; NULL if out of
 * memory.
 */
static unsigned char *
square(const struct rgb *in, size_t side)
{
	size_t		 sq = in->w < in->h ? in->w : in->h;
	size_t		 x0 = (in->w - sq) / 2, y0 = (in->h - sq) / 2;
	size_t		 ox, oy, x, y, xa, xb, ya, yb, c, k;
	unsigned long	 sum[3];
	unsigned char	*out, *p;

	if ((out = malloc(side * side * 3)) == NULL)
		return NULL;
	for (oy = 0; oy < side; oy++) {
		ya = y0 + oy * sq / side;
		yb = y0 + (oy + 1) * sq / side;
		for (ox = 0; ox < side; ox++) {
			xa = x0 + ox * sq / side;
			xb = x0 + (ox + 1) * sq / side;
			sum[0] = sum[1] = sum[2] = 0;
			for (y = ya; y < yb; y++)
				for (x = xa; x < xb; x++) {
					p = in->px + (y * in->w + x) * 3;
					for (c = 0; c < 3; c++)
						sum[c] += p[c];
				}
			k = (yb - ya) * (xb - xa);
			for (c = 0; c < 3; c++)
				out[(oy * side + ox) * 3 + c] =
				    (unsigned char)(sum[c] / k);
		}
	}
	return out;
}

/* Is data (len bytes) a PNG by its signature?  1 or 0. */
int
img_is_png(const unsigned char *data, size_t len)
{
	return len >= 8 && memcmp(data, "\x89PNG\r\n\x1a\n", 8) == 0;
}

/*
 * Take a photo: data (len bytes) must be a whole JPEG or PNG of at most
 * IMG_MAX_FILE bytes, IMG_MIN_SIDE to IMG_MAX_SIDE pixels a side.  On
 * success out holds a new PNG (the middle square, at most IMG_SIDE
 * pixels a side, 8-bit RGB, no chunk but the image's own) and 0 is
 * returned; else -1 and why (n bytes) says what is wrong, in words for
 * the person who sent it.  The caller frees out.
 */
int
img_photo(const unsigned char *data, size_t len, struct buf *out, char *why,
    size_t n)
{
	struct rgb	 in = { NULL, 0, 0 };
	png_image	 im;
	png_alloc_size_t size = 0;
	unsigned char	*sq, *enc;
	size_t		 side;
	int		 rc;

	buf_reset(out);
	if (len > IMG_MAX_FILE) {
		snprintf(why, n, "The photo must be smaller than %d KB: this "
		    "one is %zu KB", IMG_MAX_FILE / 1024, (len + 1023) / 1024);
		return -1;
	}
	if (len >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
		rc = jpeg_rgb(data, len, &in, why, n);
	else if (img_is_png(data, len))
		rc = png_rgb(data, len, &in, why, n);
	else {
		snprintf(why, n, "The photo must be a JPEG or PNG file");
		return -1;
	}
	if (rc == -1)
		return -1;
	side = in.w < in.h ? in.w : in.h;
	if (side > IMG_SIDE)
		side = IMG_SIDE;
	sq = square(&in, side);
	free(in.px);
	if (sq == NULL) {
		snprintf(why, n, "The photo could not be made smaller");
		return -1;
	}
	memset(&im, 0, sizeof(im));
	im.version = PNG_IMAGE_VERSION;
	im.width = (png_uint_32)side;
	im.height = (png_uint_32)side;
	im.format = PNG_FORMAT_RGB;
	rc = -1;
	/* Asked first for the size, then written (libpng's own order). */
	if (png_image_write_to_memory(&im, NULL, &size, 0, sq, 0, NULL) &&
	    size > 0) {
		enc = xmalloc(size);
		if (png_image_write_to_memory(&im, enc, &size, 0, sq, 0,
		    NULL)) {
			buf_add(out, enc, size);
			rc = 0;
		}
		free(enc);
	}
	free(sq);
	png_image_free(&im);
	if (rc == -1) {
		buf_reset(out);
		snprintf(why, n, "The photo could not be saved as a PNG");
	}
	return rc;
}
