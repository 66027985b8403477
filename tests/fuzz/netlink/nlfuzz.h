/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * kwasm-nlfuzz: random and mutated requests to the "kwasm" and "kwasm_tls"
 * generic netlink families, from concurrent privileged and unprivileged
 * senders.
 *
 * The parent resolves the family, loads a few real modules, forks the
 * workers and watches them; the workers build requests (gen.c), mutate
 * them (mutate.c), pass file descriptors from a zoo (fds.c), and check
 * that every request gets a well-formed ack (reply.c).  Counters and
 * findings live in memory shared by all processes (stats.c), so a worker
 * that is killed loses nothing.
 */
#ifndef KWASM_NLFUZZ_H
#define KWASM_NLFUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <linux/kwasm.h>
#include <linux/kwasm_tls.h>

#include "nl.h"

/*
 * Per-command counters: kwasm's commands and one bucket for its other
 * numbers, then the same for kwasm_tls (fz_cmd_index()).
 */
#define FZ_CMD_UNKNOWN	(KWASM_CMD_MAX + 1)
#define FZ_TLS_CMD(c)	(FZ_CMD_UNKNOWN + 1 + (c))
#define FZ_TLS_UNKNOWN	FZ_TLS_CMD(KWASM_TLS_CMD_MAX + 1)
#define FZ_NCMDS	(FZ_TLS_UNKNOWN + 1)
/* TLS rule ids recently added, for RULE_DEL and RULE_LIST to name. */
#define FZ_TLS_IDS	64
#define FZ_MAX_WORKERS	8
#define FZ_MAX_FINDINGS	32
#define FZ_FINDING_LEN	240
/* Module names: base modules the parent loads, then a few per worker. */
#define FZ_BASE_NAMES	8
#define FZ_WORKER_NAMES	6
#define FZ_NAMES	(FZ_BASE_NAMES + FZ_MAX_WORKERS * FZ_WORKER_NAMES)
#define FZ_MAX_EXPORTS	24
#define FZ_EXPORT_LEN	48
#define FZ_MAX_PARAMS	8
#define FZ_ERRNOS	134
#define FZ_MAX_GOOD	256

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* enum kw_valtype (engine/include/kwasm/engine.h), as KWASM_V_TYPE carries it. */
#define FZ_I32		0x7f
#define FZ_I64		0x7e
#define FZ_F32		0x7d
#define FZ_F64		0x7c
#define FZ_FUNCREF	0x70
#define FZ_EXTERNREF	0x6f

/**
 * struct fz_rng - splitmix64 state; every worker has its own stream
 * @s: the state
 */
struct fz_rng {
	uint64_t s;
};

uint64_t fz_rand(struct fz_rng *r);
uint32_t fz_below(struct fz_rng *r, uint32_t n);
bool fz_chance(struct fz_rng *r, uint32_t percent);
void fz_fill(struct fz_rng *r, void *buf, size_t len);

/**
 * struct fz_slot - what the parent knows about one worker
 * @pid: the worker's pid, 0 when not running
 * @busy_since: CLOCK_MONOTONIC ms when the current request was sent, 0 if idle
 * @may_run_long: the current request may legitimately take long (a guest
 *	call with a huge fuel budget): the watchdog kills it without a finding
 * @cmd: the current request's command
 * @msgs: requests this worker sent
 * @gen: how many times this slot was (re)started
 * @killed: the watchdog killed the current process
 * @killed_at: when, in ms
 */
struct fz_slot {
	pid_t pid;
	uint64_t busy_since;
	int may_run_long;
	int cmd;
	uint64_t msgs;
	uint32_t gen;
	int killed;
	uint64_t killed_at;
};

/**
 * struct fz_shared - counters and findings, in a MAP_SHARED mapping
 * @sent: requests sent per command (FZ_CMD_UNKNOWN: other numbers)
 * @ok: requests acked with 0 (doit) or finished by NLMSG_DONE 0 (dump)
 * @err: requests acked with an error
 * @data: data messages received per command
 * @noack: requests built so that the kernel must drop them silently
 * @errnos: error acks by errno
 * @stale: messages received for an earlier request
 * @busy_kills: workers killed in a request allowed to run long
 * @send_errors: send() failures (message too large for the socket...)
 * @overruns: replies lost to a full receive buffer (ENOBUFS)
 * @tickets: requests handed out, for --count
 * @good: corpus files that loaded unmodified (indices into fz_corpus)
 * @ngood: their number
 * @findings: number of findings
 * @finding: the first FZ_MAX_FINDINGS of them
 * @stop: set by the parent: workers finish their request and exit
 * @used: module names that may have been loaded (indices into the pool)
 * @tls_ids: TLS rule ids that RULE_ADD returned, a ring
 * @tls_next: where the next one goes (modulo FZ_TLS_IDS)
 * @slot: the workers
 */
struct fz_shared {
	uint64_t sent[FZ_NCMDS];
	uint64_t ok[FZ_NCMDS];
	uint64_t err[FZ_NCMDS];
	uint64_t data[FZ_NCMDS];
	uint64_t noack;
	uint64_t errnos[FZ_ERRNOS];
	uint64_t stale;
	uint64_t busy_kills;
	uint64_t send_errors;
	uint64_t overruns;
	uint64_t tickets;
	uint32_t good[FZ_MAX_GOOD];
	uint32_t ngood;
	uint32_t findings;
	char finding[FZ_MAX_FINDINGS][FZ_FINDING_LEN];
	int stop;
	uint8_t used[FZ_NAMES];
	uint32_t tls_ids[FZ_TLS_IDS];
	uint32_t tls_next;
	struct fz_slot slot[FZ_MAX_WORKERS];
};

extern struct fz_shared *fz_sh;

int fz_shared_init(void);
void fz_add(uint64_t *counter, uint64_t n);
void fz_finding(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void fz_report(void);
uint64_t fz_now_ms(void);

/**
 * struct fz_export - an export a worker learned from a LIST or LOAD reply
 * @name: its name (not NUL-terminated; may hold NUL bytes)
 * @len: name length
 * @params: parameter types
 * @nparams: their number
 */
struct fz_export {
	char name[FZ_EXPORT_LEN];
	uint8_t len;
	uint8_t params[FZ_MAX_PARAMS];
	uint8_t nparams;
};

/**
 * struct fz_module - a module name of the pool, and what is known of it
 * @name: "fz_..."
 * @exports: exports seen in LIST replies
 * @nexports: their number
 * @src: base modules: the corpus file, else -1
 * @dp: base modules: loaded for the data path
 * @import: base modules: the base module it imports "spectest" from, or -1
 */
struct fz_module {
	char name[KWASM_NAME_MAX];
	struct fz_export exports[FZ_MAX_EXPORTS];
	uint32_t nexports;
	int src;
	bool dp;
	int import;
};

/**
 * struct fz_corpus - module files from the directories given
 * @paths: every *.wasm file found
 * @n: their number
 */
struct fz_corpus {
	char **paths;
	uint32_t n;
};

/**
 * struct fz_cfg - the command line
 * @seed: base seed
 * @seconds: time budget, 0 for none
 * @count: message budget, 0 for none
 * @jobs: privileged workers
 * @unpriv: unprivileged workers
 * @ack_ms: how long a request may go without an ack before it is a finding
 * @long_ms: how long a request allowed to run long may run before it is killed
 * @verbose: print every request
 * @synth: which synthetic module shapes to make (bits, in synth.c's order)
 * @traffic: send packets through attached filters
 * @family: the kwasm family id
 * @tls_family: the kwasm_tls family id, 0 if the module has none
 */
struct fz_cfg {
	uint64_t seed;
	uint32_t seconds;
	uint64_t count;
	uint32_t jobs;
	uint32_t unpriv;
	uint32_t ack_ms;
	uint32_t long_ms;
	bool verbose;
	uint32_t synth;
	bool traffic;
	uint16_t family;
	uint16_t tls_family;
};

extern struct fz_cfg fz_cfg;
extern struct fz_corpus fz_corpus;
extern struct fz_module fz_pool[FZ_NAMES];

int fz_corpus_add_dir(const char *dir, int depth);
int fz_corpus_find(const char *base);
void fz_corpus_good(uint32_t idx);
int fz_read_file(const char *path, uint8_t **buf, size_t *len);

/* File descriptors a request can name. */
struct fz_fds;
struct fz_fds *fz_fds_new(int nlfd);
uint32_t fz_fds_pick(struct fz_fds *f, struct fz_rng *r, bool module, int *src);
uint32_t fz_fds_netns(struct fz_fds *f, struct fz_rng *r);
uint32_t fz_fds_file(struct fz_fds *f, const char *path);
void fz_fds_release(struct fz_fds *f);

/**
 * struct fz_req - one datagram being built and sent: one or two requests
 * @m: the bytes (netlink messages back to back)
 * @nmsgs: netlink messages in @m, each of which gets an ack
 * @noack: the kernel must drop this datagram without any reply
 * @may_run_long: see struct fz_slot
 * @tls: which requests go to kwasm_tls (the others to kwasm)
 * @pool: pool index of the module the first request names, -1 if none
 * @src: corpus index of the module file of a LOAD, if unmodified, else -1
 * @cmd: the requests' commands
 * @dump: which requests are dumps
 * @request: which requests carry NLM_F_REQUEST (the others are only acked)
 * @seq: their sequence numbers
 * @len: their lengths
 */
struct fz_req {
	struct nl_msg m;
	int nmsgs;
	bool noack;
	bool may_run_long;
	bool tls[2];
	int pool;
	int src;
	uint8_t cmd[2];
	bool dump[2];
	bool request[2];
	uint32_t seq[2];
	uint32_t len[2];
};

/**
 * struct fz_worker - one sender process
 * @id: its slot
 * @priv: runs as root; else uid/gid 65534 without capabilities
 * @rng: its random stream
 * @sock: its netlink socket
 * @fds: its file descriptor zoo
 * @seq: next sequence number
 * @learn: pool index to LIST next (a module just loaded), or -1
 * @traffic: an ATTACH worked: send packets through the hooks
 * @buf: receive buffer
 * @cap: its size
 */
struct fz_worker {
	int id;
	bool priv;
	struct fz_rng rng;
	struct nl_sock sock;
	struct fz_fds *fds;
	uint32_t seq;
	int learn;
	bool traffic;
	uint8_t *buf;
	size_t cap;
};

int fz_pool_index(const char *name, size_t len);
int fz_pool_pick(struct fz_worker *w, bool any);
void fz_pool_learn(int idx, const void *attrs, size_t len);
void fz_pool_init(void);
int fz_pool_setup(struct nl_sock *s);
int fz_pool_base_load(struct nl_msg *m, int idx);
int fz_pool_snapshot(struct nl_sock *s);
int fz_pool_cleanup(void);
int fz_cmd_index(bool tls, uint8_t cmd);
const char *fz_cmd_name(int idx);

int fz_gen(struct fz_worker *w, struct fz_req *rq);
uint64_t fz_rand_value(struct fz_rng *r);
void fz_put_random_attr(struct fz_rng *r, struct nl_msg *m, uint16_t type, int depth);
void fz_put_duplicate(struct fz_rng *r, struct nl_msg *m);
uint8_t fz_tls_pick_cmd(struct fz_rng *r);
void fz_gen_tls(struct fz_worker *w, struct fz_req *rq, int i, bool dump);
void fz_tls_remember(const void *attrs, size_t len);
int fz_tls_snapshot(struct nl_sock *s);
int fz_tls_cleanup(struct nl_sock *s);
void fz_mutate_msg(struct fz_rng *r, struct fz_req *rq);
int fz_module_fd(struct fz_rng *r, int *src);
uint8_t *fz_synth(struct fz_rng *r, size_t *len);
int fz_synth_parse(const char *list);
void fz_traffic(void);

void fz_exchange(struct fz_worker *w, struct fz_req *rq);
const char *fz_check_attrs(const void *data, size_t len, bool tls);

/* Reply attribute namespaces: kwasm's (reply.c), then kwasm_tls's (reply_tls.c). */
enum fz_ns { NS_TOP, NS_EXPORTS, NS_ENTRY, NS_STATS, NS_KINDS, NS_VALUES, NS_VALUE,
	NS_ATTACHMENTS, NS_ATTACH, NS_EXTACK, NS_TLS_TOP, NS_TLS_PEERS, NS_TLS_POLICY,
	NS_TLS_COUNTERS };

/* Payload rules: an exact size, or one of these. */
#define R_ANY	0
#define R_STR	0xff		/* NUL-terminated */
#define R_FLAG	0xfe		/* empty */
#define R_KEY	0xfd		/* 1 .. KWASM_MAP_KEY_MAX bytes */
#define R_VAL	0xfc		/* 0 .. KWASM_MAP_VALUE_MAX bytes */
#define R_ADDR	0xfb		/* 4 or 16 bytes */

/**
 * struct fz_rule - what one attribute type of a namespace must look like
 * @size: R_* or an exact payload size
 * @nest: the namespace of its payload, if it is a nest (0: not a nest)
 */
struct fz_rule {
	uint8_t size;
	uint8_t nest;
};

#define SIZE(n) { .size = (n) }
#define NEST(ns) { .nest = (ns) }

const struct fz_rule *fz_tls_rule(int ns, uint16_t type);
int fz_sock_open(struct nl_sock *s);
int fz_load_fd(const char *path, const char *name);
int fz_worker_main(int id, bool priv, uint32_t gen);

#endif /* KWASM_NLFUZZ_H */
