/*
 * speak: "read to me" on the child's, young person's and care leaver's
 * forms.  Which texts are spoken (a page's heading and introduction, a
 * question's label and hint, each choice card), the voice each language
 * is spoken in, and the clips made from them at build time
 * (tools/clips.py writes AUDIO/clips.tsv: language, clip, text).  A text
 * with no clip gets no control: never a wrong voice.
 */
#ifndef HEARD_SPEAK_H
#define HEARD_SPEAK_H

#include <stddef.h>

#include "buf.h"
#include "forms.h"

/* A language Heard can read aloud in, and the synthesiser voice for it. */
struct speak_lang {
	const char	*code;	/* ?lang=CODE */
	const char	*name;	/* English name, for staff pages */
	const char	*voice;	/* "espeak-ng VOICE", or NULL: none */
};

int	 speak_load(const char *, char *, size_t);
void	 speak_free(void);
int	 speak_audience(const char *);
const struct speak_lang *speak_langs(size_t *);
const char *speak_voice(const char *);
int	 speak_has_clips(const char *);
const char *speak_clip(const char *, const char *);
int	 speak_page_text(struct buf *, const struct form *, size_t);
int	 speak_question_text(struct buf *, const struct form_question *);
void	 speak_control(struct buf *, const struct form *, const char *,
	    const char *);
void	 speak_summary(struct buf *);

#endif
