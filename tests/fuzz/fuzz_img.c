/*
 * libFuzzer target: img.c's decoder path.  Whatever the bytes, img_photo()
 * either refuses them with words or returns a bare PNG that it takes
 * again, no larger than IMG_SIDE square; never a crash, a leak or an
 * allocation beyond what IMG_MAX_PIXELS allows.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "img.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	struct buf	 png = { 0 }, again = { 0 };
	char		 why[IMG_WHY];

	why[0] = '\0';
	if (img_photo(data, n, &png, why, sizeof(why)) == 0) {
		if (!img_is_png((const unsigned char *)png.data, png.len) ||
		    img_photo((const unsigned char *)png.data, png.len, &again,
		    why, sizeof(why)) != 0)
			__builtin_trap();
	} else if (why[0] == '\0' || png.len != 0)
		__builtin_trap();
	buf_free(&png);
	buf_free(&again);
	return 0;
}
