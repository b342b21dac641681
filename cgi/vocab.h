/*
 * vocab: every fixed word list Heard stores, once, with the words people
 * see for each (and what a word means, where it has a meaning to look
 * up).  The schema's CHECK lists hold the same words; tests/unit/
 * test_vocab.c holds the two equal.  Floor 1: libc only.
 */
#ifndef HEARD_VOCAB_H
#define HEARD_VOCAB_H

#include <stddef.h>

enum vocab_list {
	VOCAB_ROLE,		/* staff.role */
	VOCAB_REVIEW_TYPE,	/* review.type */
	VOCAB_REVIEW_STATUS,	/* review.status */
	VOCAB_AUDIENCE,		/* consultation.audience */
	VOCAB_SEND_CHANNEL,	/* consultation.channel */
	VOCAB_RETURN_CHANNEL,	/* consultation.return_channel */
	VOCAB_PARTICIPATION,	/* review.participation (DfE PN codes) */
	VOCAB_REVIEW_FORMAT,	/* review.format */
	VOCAB_HOLIDAY,		/* holiday.kind */
	VOCAB_CONTACT,		/* contact.kind */
	VOCAB_MESSAGE,		/* plan.kind, outbox.kind */
	VOCAB_WORDING,		/* consultation.wording */
	VOCAB_OUTBOX_STATE,	/* outbox.state */
	VOCAB_AUDIT_ACTION,	/* audit.action (no CHECK list: column NULL) */
	VOCAB_REPLICA_STATE,	/* meta replica_state (no CHECK list) */
	VOCAB_PASSPORT_FACE,	/* staff.face: 1-8, checked by range */
	VOCAB_FLAG_SOURCE,	/* flag.source: what raised a safeguarding flag */
	VOCAB_FLAG_NOTICE,	/* flag_notice.kind */
	VOCAB_LANG,		/* consultation.lang, lang_status.code */
	VOCAB_LANG_STATUS,	/* lang_status.status */
	VOCAB__N
};

/* The roles' places in VOCAB_ROLE (page.h makes its R_* bits of them). */
enum vocab_role {
	VR_ADMIN,
	VR_IRO,
	VR_MANAGER,
};

/* Flags of a word. */
#define VW_CHILDS	0x01	/* an audience: the child's own form */
#define VW_FEEDBACK	0x02	/* an audience: feedback after the review */
#define VW_ENDED	0x04	/* a status: the review will not take place */
#define VW_BY_STAFF	0x08	/* a return channel staff record by hand */
#define VW_WARN		0x10	/* a replica state: the admin home page warns */
#define VW_RTL		0x20	/* a language written right to left */

/* The replica's states' places in VOCAB_REPLICA_STATE. */
enum vocab_replica {
	VRS_OK,
	VRS_BEHIND,
	VRS_UNREACHABLE
};

struct vocab_word {
	const char	*word;		/* as stored */
	const char	*label;		/* as shown */
	const char	*meaning;	/* longer words, or NULL */
	unsigned	 flags;		/* VW_* */
};

struct vocab {
	const char		*column;	/* table.column holding it, or several;
					   NULL: a list no CHECK holds */
	const struct vocab_word	*words;
	size_t			 n;
};

extern const struct vocab vocab_lists[VOCAB__N];

#define VOCAB(l)	(&vocab_lists[(l)])

const struct vocab_word *vocab_find(enum vocab_list, const char *);
const struct vocab_word *vocab_in(const struct vocab *, const char *);
int	 vocab_index(enum vocab_list, const char *);
size_t	 vocab_count(enum vocab_list);
const struct vocab_word *vocab_at(enum vocab_list, size_t);
const char *vocab_label(enum vocab_list, const char *);
int	 vocab_is_childs(const char *);
int	 vocab_is_feedback(const char *);
int	 vocab_flag(enum vocab_list, const char *, unsigned);

#endif
