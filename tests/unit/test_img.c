/*
 * img.c: a photo is decoded completely, checked and written again as a
 * bare PNG.  A JPEG carrying EXIF GPS and a comment, and a PNG carrying
 * text chunks, come out with none of it; hostile files (truncated, huge
 * dimensions, too small, too large, the wrong type) are refused with
 * words for the person who sent them.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <png.h>
#include <zlib.h>

#include "check.h"
#include "img.h"

void	 test_img_metadata(void);
void	 test_img_hostile(void);
void	 img_test_jpeg(size_t, size_t, int, struct buf *);

/*
 * A real EXIF block (big-endian TIFF): IFD0 points at a GPS IFD holding
 * GPSLatitudeRef "N" and GPSLatitude 51 30 26.38, as a phone writes it.
 */
static const unsigned char exif_gps[] = {
	'E', 'x', 'i', 'f', 0, 0,
	'M', 'M', 0, 42, 0, 0, 0, 8,			/* TIFF, IFD0 at 8 */
	0, 1,						/* one entry */
	0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 26,	/* GPSInfo -> 26 */
	0, 0, 0, 0,					/* no IFD1 */
	0, 2,						/* GPS IFD: two */
	0, 1, 0, 2, 0, 0, 0, 2, 'N', 0, 0, 0,		/* LatitudeRef N */
	0, 2, 0, 5, 0, 0, 0, 3, 0, 0, 0, 56,		/* Latitude -> 56 */
	0, 0, 0, 0,
	0, 0, 0, 51, 0, 0, 0, 1,			/* 51/1 */
	0, 0, 0, 30, 0, 0, 0, 1,			/* 30/1 */
	0, 0, 0x0a, 0x4e, 0, 0, 0, 100,			/* 2638/100 */
};

#define SECRET_COMMENT	"Taken at 12 Acacia Avenue, NT1 1AA: SECRET"

/*
 * A w x h JPEG (a colour gradient) into out; with meta, an APP1 EXIF
 * block with GPS (exif_gps) and a COM comment (SECRET_COMMENT).  Also
 * used to make the e2e test's photo (tests/e2e/photo-gps.jpg).
 */
void
img_test_jpeg(size_t w, size_t h, int meta, struct buf *out)
{
	struct jpeg_compress_struct ci;
	struct jpeg_error_mgr	 je;
	unsigned char		*mem = NULL, *row;
	unsigned long		 len = 0;
	size_t			 x, y;

	ci.err = jpeg_std_error(&je);
	jpeg_create_compress(&ci);
	jpeg_mem_dest(&ci, &mem, &len);
	ci.image_width = (JDIMENSION)w;
	ci.image_height = (JDIMENSION)h;
	ci.input_components = 3;
	ci.in_color_space = JCS_RGB;
	jpeg_set_defaults(&ci);
	jpeg_set_quality(&ci, 85, TRUE);
	jpeg_start_compress(&ci, TRUE);
	if (meta) {
		jpeg_write_marker(&ci, JPEG_APP0 + 1, exif_gps,
		    sizeof(exif_gps));
		jpeg_write_marker(&ci, JPEG_COM, (const JOCTET *)
		    SECRET_COMMENT, strlen(SECRET_COMMENT));
	}
	row = malloc(w * 3);
	for (y = 0; y < h; y++) {
		for (x = 0; x < w; x++) {
			row[x * 3] = (unsigned char)(x * 255 / w);
			row[x * 3 + 1] = (unsigned char)(y * 255 / h);
			row[x * 3 + 2] = 128;
		}
		jpeg_write_scanlines(&ci, &row, 1);
	}
	jpeg_finish_compress(&ci);
	jpeg_destroy_compress(&ci);
	buf_reset(out);
	buf_add(out, mem, len);
	free(row);
	free(mem);
}

/* Does [p, p+n) hold needle (m bytes)? */
static int
has(const void *p, size_t n, const void *needle, size_t m)
{
	return memmem(p, n, needle, m) != NULL;
}

/* The big-endian 32-bit number at p. */
static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/*
 * Is png made only of IHDR, IDAT and IEND chunks (and perhaps sRGB,
 * which names a colour space: nothing about a person), w x h?
 */
static int
bare_png(const struct buf *png, uint32_t w, uint32_t h)
{
	const unsigned char *p = (const unsigned char *)png->data;
	size_t		 at = 8, n;
	int		 ihdr = 0, iend = 0;

	if (!img_is_png(p, png->len))
		return 0;
	while (at + 12 <= png->len) {
		n = be32(p + at);
		if (memcmp(p + at + 4, "IHDR", 4) == 0) {
			ihdr = be32(p + at + 8) == w &&
			    be32(p + at + 12) == h;
		} else if (memcmp(p + at + 4, "IEND", 4) == 0)
			iend = 1;
		else if (memcmp(p + at + 4, "IDAT", 4) != 0 &&
		    memcmp(p + at + 4, "sRGB", 4) != 0) {
			fprintf(stderr, "test_img: chunk %.4s kept\n",
			    (const char *)p + at + 4);
			return 0;
		}
		at += 12 + n;
	}
	return ihdr && iend && at == png->len;
}

/* Append a PNG chunk of type t with data d (n bytes) to b. */
static void
chunk(struct buf *b, const char *t, const void *d, size_t n)
{
	unsigned char	 hd[8];
	uint32_t	 crc;

	hd[0] = (unsigned char)(n >> 24); hd[1] = (unsigned char)(n >> 16);
	hd[2] = (unsigned char)(n >> 8); hd[3] = (unsigned char)n;
	memcpy(hd + 4, t, 4);
	buf_add(b, hd, 8);
	buf_add(b, d, n);
	crc = (uint32_t)crc32(0, hd + 4, 4);
	crc = (uint32_t)crc32(crc, d, (unsigned)n);
	hd[0] = (unsigned char)(crc >> 24); hd[1] = (unsigned char)(crc >> 16);
	hd[2] = (unsigned char)(crc >> 8); hd[3] = (unsigned char)crc;
	buf_add(b, hd, 4);
}

void
test_img_metadata(void)
{
	struct buf	 jpg = { 0 }, png = { 0 }, again = { 0 }, src = { 0 };
	char		 why[IMG_WHY] = "";
	unsigned char	 rgba[64 * 80 * 4];
	png_image	 im;
	png_alloc_size_t n = sizeof(rgba) * 2;
	unsigned char	*mem;

	/* A phone's JPEG with EXIF GPS and a comment: none of it survives. */
	img_test_jpeg(640, 480, 1, &jpg);
	CHECK(has(jpg.data, jpg.len, "Exif", 4));
	CHECK(has(jpg.data, jpg.len, "SECRET", 6));
	CHECK(img_photo((unsigned char *)jpg.data, jpg.len, &png, why,
	    sizeof(why)) == 0);
	CHECK(bare_png(&png, IMG_SIDE, IMG_SIDE));
	CHECK(!has(png.data, png.len, "Exif", 4));
	CHECK(!has(png.data, png.len, "SECRET", 6));
	CHECK(!has(png.data, png.len, "Acacia", 6));
	CHECK(!has(png.data, png.len, exif_gps + 6, 8));
	CHECK(!has(png.data, png.len, exif_gps + 62, 24));
	/* What it wrote is a photo it takes again (a small one: as is). */
	CHECK(img_photo((unsigned char *)png.data, png.len, &again, why,
	    sizeof(why)) == 0);
	CHECK(bare_png(&again, IMG_SIDE, IMG_SIDE));

	/* A small photo is not scaled up: a 100 x 300 one gives 100 x 100. */
	img_test_jpeg(100, 300, 0, &jpg);
	CHECK(img_photo((unsigned char *)jpg.data, jpg.len, &png, why,
	    sizeof(why)) == 0);
	CHECK(bare_png(&png, 100, 100));

	/* A PNG with transparency and text chunks (tEXt, zTXt-like, eXIf):
	 * only its pixels come out. */
	memset(rgba, 0x80, sizeof(rgba));
	memset(&im, 0, sizeof(im));
	im.version = PNG_IMAGE_VERSION;
	im.width = 64;
	im.height = 80;
	im.format = PNG_FORMAT_RGBA;
	mem = malloc(n);
	CHECK(png_image_write_to_memory(&im, mem, &n, 0, rgba, 0, NULL));
	/* Everything but IEND, then the chunks, then IEND. */
	buf_add(&src, mem, n - 12);
	chunk(&src, "tEXt", "Comment\0SECRET home address", 28);
	chunk(&src, "eXIf", exif_gps + 6, sizeof(exif_gps) - 6);
	chunk(&src, "IEND", "", 0);
	free(mem);
	png_image_free(&im);
	CHECK(has(src.data, src.len, "SECRET", 6));
	CHECK(img_photo((unsigned char *)src.data, src.len, &png, why,
	    sizeof(why)) == 0);
	CHECK(bare_png(&png, 64, 64));
	CHECK(!has(png.data, png.len, "SECRET", 6));
	CHECK(!has(png.data, png.len, "eXIf", 4));
	buf_free(&jpg); buf_free(&png); buf_free(&again); buf_free(&src);
}

void
test_img_hostile(void)
{
	struct buf	 jpg = { 0 }, png = { 0 }, big = { 0 };
	char		 why[IMG_WHY];
	unsigned char	*p;
	unsigned char	 ihdr[13] = { 0, 0, 0x4e, 0x20, 0, 0, 0x4e, 0x20,
	    8, 2, 0, 0, 0 };	/* 20000 x 20000, 8-bit RGB */
	size_t		 i;

	img_test_jpeg(400, 300, 1, &jpg);
	/* Truncated: every cut refused, with words, nothing kept. */
	for (i = 1; i < 10; i++) {
		why[0] = '\0';
		CHECK(img_photo((unsigned char *)jpg.data, jpg.len * i / 10,
		    &png, why, sizeof(why)) == -1);
		CHECK(png.len == 0 && why[0] != '\0');
	}
	CHECK(strstr(why, "damaged") != NULL);
	/* Huge dimensions declared in the JPEG's frame header. */
	p = memmem(jpg.data, jpg.len, "\xff\xc0", 2);
	CHECK(p != NULL);
	if (p != NULL) {
		p[5] = 0xea; p[6] = 0x60;	/* height 60000 */
		p[7] = 0xea; p[8] = 0x60;	/* width 60000 */
		CHECK(img_photo((unsigned char *)jpg.data, jpg.len, &png,
		    why, sizeof(why)) == -1);
		CHECK(strstr(why, "too big") != NULL);
	}
	/* Huge dimensions in a PNG's header: refused before any pixel. */
	buf_add(&big, "\x89PNG\r\n\x1a\n", 8);
	chunk(&big, "IHDR", ihdr, sizeof(ihdr));
	chunk(&big, "IDAT", "\x78\x9c\x03\x00\x00\x00\x00\x01", 8);
	chunk(&big, "IEND", "", 0);
	CHECK(img_photo((unsigned char *)big.data, big.len, &png, why,
	    sizeof(why)) == -1);
	CHECK(strstr(why, "too big") != NULL);
	/* Too small to be a face. */
	img_test_jpeg(20, 20, 0, &jpg);
	CHECK(img_photo((unsigned char *)jpg.data, jpg.len, &png, why,
	    sizeof(why)) == -1);
	CHECK(strstr(why, "too small") != NULL);
	/* The wrong type, or nothing. */
	CHECK(img_photo((const unsigned char *)"GIF89a\x01\x00\x01\x00", 10,
	    &png, why, sizeof(why)) == -1);
	CHECK(strstr(why, "JPEG or PNG") != NULL);
	CHECK(img_photo((const unsigned char *)"", 0, &png, why,
	    sizeof(why)) == -1);
	CHECK(img_photo((const unsigned char *)"<svg onload=x>", 14, &png,
	    why, sizeof(why)) == -1);
	/* Too many bytes, whatever they are. */
	buf_reset(&big);
	for (i = 0; i <= IMG_MAX_FILE; i += 8)
		buf_add(&big, "\xff\xd8\xff\xe0xxxx", 8);
	CHECK(img_photo((unsigned char *)big.data, big.len, &png, why,
	    sizeof(why)) == -1);
	CHECK(strstr(why, "smaller than 200 KB") != NULL);
	buf_free(&jpg); buf_free(&png); buf_free(&big);
}
