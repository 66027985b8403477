/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * kwasm-tlsd: the agent's side of the kwasm_tls handshake upcall
 * (include/uapi/linux/kwasm_tls.h): READY on the "agent" multicast group,
 * ACCEPT to take a request and its socket, DONE to report the outcome.
 */
#ifndef KWASM_TLSD_AGENT_H
#define KWASM_TLSD_AGENT_H

#include <netinet/in.h>
#include <sys/socket.h>

#include "nl.h"
#include "hs.h"

/**
 * struct tlsd_req - one handshake request, as ACCEPT returned it
 * @id: KWASM_TLS_A_REQ_ID, 0 if the reply had none
 * @fd: the connection's socket, -1 if the reply had none
 * @rule_id: the rule that matched
 * @params: what tlsd_hs_run() needs; its strings point into @buf
 * @peers: storage for @params.peers
 * @local: the connection's local address (family AF_UNSPEC if unknown)
 * @remote: its remote address
 * @buf: a copy of the reply's attributes
 */
struct tlsd_req {
	u64 id;
	int fd;
	u32 rule_id;
	struct tlsd_hs_params params;
	const char *peers[KWASM_TLS_PEERS_MAX];
	struct sockaddr_storage local;
	struct sockaddr_storage remote;
	void *buf;
};

/**
 * struct tlsd_agent - the two netlink sockets of an agent
 * @req: requests (ACCEPT, DONE) and their replies
 * @ev: the multicast group, READY only; kept apart so that no READY is
 *	swallowed while a request waits for its reply
 * @family: the kwasm_tls family id
 * @group: the agent multicast group id
 */
struct tlsd_agent {
	struct nl_sock req;
	struct nl_sock ev;
	u16 family;
	u32 group;
};

/* msg.c: the messages, without sockets (unit-tested on the host). */
int tlsd_msg_parse_accept(const void *attrs, size_t len, struct tlsd_req *req);
void tlsd_req_free(struct tlsd_req *req);
void tlsd_msg_put_done(struct nl_msg *m, u64 id, int err, const struct tlsd_hs_result *r);
const char *tlsd_addr_str(const struct sockaddr_storage *ss, char *buf, size_t len);

/* agent.c: the sockets. */
int tlsd_agent_open(struct tlsd_agent *a, struct nl_ext_err *ext);
void tlsd_agent_close(struct tlsd_agent *a);
int tlsd_agent_check(struct tlsd_agent *a);
int tlsd_agent_events(struct tlsd_agent *a);
int tlsd_agent_accept(struct tlsd_agent *a, struct tlsd_req *req, struct nl_ext_err *ext);
int tlsd_agent_done(struct tlsd_agent *a, u64 id, int err, const struct tlsd_hs_result *r,
		    struct nl_ext_err *ext);

#endif /* KWASM_TLSD_AGENT_H */
