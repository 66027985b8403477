/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR MIT) */
/*
 * kwasm: transparent mutual TLS — the generic netlink contract between
 * kwasm.ko, the CLI (`kwasm tls ...`) and the handshake agent kwasm-tlsd.
 *
 * Family "kwasm_tls" (KWASM_TLS_GENL_NAME), version KWASM_TLS_GENL_VERSION.
 * Everything is per network namespace: rules, pending handshakes, agents.
 * Every command needs CAP_NET_ADMIN in the namespace's user namespace;
 * every rejection carries an extack message.  The design follows
 * mainline's net/handshake (6.4+), which Debian's 6.1 lacks; docs/TLS.md
 * explains the whole flow.
 *
 * Rules
 * KWASM_TLS_CMD_RULE_ADD (doit)
 *   in:  KWASM_TLS_A_SIDE      u8 enum kwasm_tls_side (required)
 *        KWASM_TLS_A_PORT      u16, 1..65535 (required): server side, the
 *                              local port accepted connections arrived on;
 *                              client side, the remote port connected to
 *        KWASM_TLS_A_ADDR      binary, 4 or 16 bytes, optional (client
 *                              side): remote network, with
 *        KWASM_TLS_A_PREFIX    u8, its prefix length (default: all bits)
 *        KWASM_TLS_A_UID       u32, optional: only sockets of this uid
 *                              (of the task that connects or accepts)
 *        KWASM_TLS_A_CGROUP    u64, optional: only tasks in this cgroup v2
 *                              (id as in name_to_handle_at / bpf) or below
 *        KWASM_TLS_A_ACTION    u8 enum kwasm_tls_action (default TLS)
 *        KWASM_TLS_A_CERT      string, path of the PEM certificate chain to
 *                              present (required for TLS, and for
 *                              TLS_SERVER_ONLY on the server side)
 *        KWASM_TLS_A_KEY       string, path of its PEM private key; the
 *                              kernel keeps the path only, the agent reads
 *                              the key
 *        KWASM_TLS_A_CA        string, path of the PEM trust bundle that
 *                              verifies the peer (required unless the peer
 *                              is not verified: TLS_SERVER_ONLY server side)
 *        KWASM_TLS_A_PEERS     nested, optional: KWASM_TLS_A_PEER strings,
 *                              "dns:NAME" or "uri:URI"; the peer's verified
 *                              certificate must carry one of them as a SAN
 *        KWASM_TLS_A_SNI       string, optional (client side): server name
 *                              to send
 *        KWASM_TLS_A_POLICY    nested, optional: KWASM_TLS_P_MODULE (a
 *                              loaded kwasm module, not a data-path one),
 *                              KWASM_TLS_P_EXPORT (its tls policy export,
 *                              () -> i32, called once per connection in
 *                              process context after the handshake, or
 *                              before the gate opens for passthrough; 1
 *                              allows; docs/TLS.md "Policy")
 *        KWASM_TLS_A_TIMEOUT_MS u32, optional: handshake deadline (default
 *                              10000, 100..600000)
 *        KWASM_TLS_A_FAIL_OPEN flag: a connection that cannot be wrapped
 *                              (no agent, socket already has a ULP) passes
 *                              in plaintext instead of being reset
 *   out: KWASM_TLS_A_RULE_ID   u32
 *   Rules are matched in order of addition; the first match wins.  Adding
 *   or deleting a rule never affects connections already intercepted.
 *
 * KWASM_TLS_CMD_RULE_DEL (doit)
 *   in:  KWASM_TLS_A_RULE_ID
 *
 * KWASM_TLS_CMD_RULE_LIST (dump, or doit with KWASM_TLS_A_RULE_ID)
 *   out: one message per rule with the attributes it was added with, its
 *        KWASM_TLS_A_RULE_ID and KWASM_TLS_A_COUNTERS (nested u64
 *        KWASM_TLS_C_*).
 *
 * KWASM_TLS_CMD_STATUS (doit)
 *   out: KWASM_TLS_A_AGENTS    u32, agents listening in this namespace
 *        KWASM_TLS_A_PENDING   u32, handshakes waiting for an agent
 *        KWASM_TLS_A_WRAPPED   u32, sockets carrying kTLS through kwasm
 *        KWASM_TLS_A_COUNTERS  totals of the namespace
 *
 * The handshake upcall (kwasm-tlsd)
 * An agent joins the multicast group KWASM_TLS_MCGRP_AGENT; the kernel
 * sends KWASM_TLS_CMD_READY there whenever a handshake is queued.  The
 * agent then takes requests one at a time:
 *
 * KWASM_TLS_CMD_ACCEPT (doit)
 *   out: KWASM_TLS_A_REQ_ID    u64, names the request in DONE
 *        KWASM_TLS_A_FD        u32, the connection's socket, installed in
 *                              the caller's file table (O_CLOEXEC); the
 *                              agent uses it for the handshake records only;
 *                              until DONE only the caller's process and its
 *                              children may read and write it
 *        KWASM_TLS_A_SIDE      which handshake to do (server: accept one)
 *        KWASM_TLS_A_RULE_ID, KWASM_TLS_A_CERT, KWASM_TLS_A_KEY,
 *        KWASM_TLS_A_CA, KWASM_TLS_A_PEERS, KWASM_TLS_A_SNI,
 *        KWASM_TLS_A_ACTION    the matching rule's, as added
 *        KWASM_TLS_A_TIMEOUT_MS the time left
 *        KWASM_TLS_A_LOCAL, KWASM_TLS_A_REMOTE  binary struct
 *                              sockaddr_in / sockaddr_in6, for the log
 *   -ENOENT when nothing is pending (another agent took it).
 *
 * KWASM_TLS_CMD_DONE (doit)
 *   in:  KWASM_TLS_A_REQ_ID
 *        KWASM_TLS_A_STATUS    u32: 0, or the errno that ended the
 *                              handshake (EACCES: the peer failed
 *                              verification; EPROTO: TLS failed; ...)
 *        KWASM_TLS_A_PEER_ID   string, on success: the peer identity that
 *                              matched (one of the rule's peers, or the
 *                              first SAN when the rule names none)
 *        KWASM_TLS_A_TX, KWASM_TLS_A_RX  binary, on success: struct
 *                              tls12_crypto_info_* (linux/tls.h) for TLS
 *                              1.3 with rec_seq as of the end of the
 *                              handshake; the kernel installs kTLS itself
 *                              and the agent must not read past the
 *                              server's/client's Finished
 *   On success the kernel runs the rule's policy (if any), installs kTLS
 *   and opens the gate; otherwise it resets the connection.  A policy
 *   that denies (or fails) resets it too, and DONE then fails with
 *   EACCES.  Either way the agent closes its fd after DONE.  A request the agent does not finish
 *   within the timeout, or whose agent exits, resets the connection.
 */
#ifndef _UAPI_LINUX_KWASM_TLS_H
#define _UAPI_LINUX_KWASM_TLS_H

#define KWASM_TLS_GENL_NAME		"kwasm_tls"
#define KWASM_TLS_GENL_VERSION		1
#define KWASM_TLS_MCGRP_AGENT		"agent"
#define KWASM_TLS_PATH_MAX		4096
#define KWASM_TLS_PEER_MAX		1024	/* bytes of one peer identity */
#define KWASM_TLS_PEERS_MAX		64	/* identities per rule */
#define KWASM_TLS_TIMEOUT_DEFAULT	10000
#define KWASM_TLS_TIMEOUT_MIN		100
#define KWASM_TLS_TIMEOUT_MAX		600000

enum kwasm_tls_cmd {
	KWASM_TLS_CMD_UNSPEC,
	KWASM_TLS_CMD_RULE_ADD,
	KWASM_TLS_CMD_RULE_DEL,
	KWASM_TLS_CMD_RULE_LIST,
	KWASM_TLS_CMD_STATUS,
	KWASM_TLS_CMD_READY,
	KWASM_TLS_CMD_ACCEPT,
	KWASM_TLS_CMD_DONE,
	__KWASM_TLS_CMD_MAX,
};

#define KWASM_TLS_CMD_MAX (__KWASM_TLS_CMD_MAX - 1)

enum kwasm_tls_side {
	KWASM_TLS_SERVER = 1,	/* terminate TLS on accepted connections */
	KWASM_TLS_CLIENT = 2,	/* originate TLS on outgoing connects */
};

enum kwasm_tls_action {
	KWASM_TLS_ACT_TLS = 1,		/* mutual TLS: both sides present a cert */
	KWASM_TLS_ACT_SERVER_ONLY = 2,	/* only the server presents one */
	KWASM_TLS_ACT_PASSTHROUGH = 3,	/* leave the connection alone */
	KWASM_TLS_ACT_DENY = 4,		/* reset it */
	__KWASM_TLS_ACT_MAX,
};

#define KWASM_TLS_ACT_MAX (__KWASM_TLS_ACT_MAX - 1)

enum kwasm_tls_attr {
	KWASM_TLS_A_UNSPEC,
	KWASM_TLS_A_PAD,
	KWASM_TLS_A_RULE_ID,
	KWASM_TLS_A_SIDE,
	KWASM_TLS_A_PORT,
	KWASM_TLS_A_ADDR,
	KWASM_TLS_A_PREFIX,
	KWASM_TLS_A_UID,
	KWASM_TLS_A_CGROUP,
	KWASM_TLS_A_ACTION,
	KWASM_TLS_A_CERT,
	KWASM_TLS_A_KEY,
	KWASM_TLS_A_CA,
	KWASM_TLS_A_PEERS,
	KWASM_TLS_A_PEER,
	KWASM_TLS_A_SNI,
	KWASM_TLS_A_POLICY,
	KWASM_TLS_A_TIMEOUT_MS,
	KWASM_TLS_A_FAIL_OPEN,
	KWASM_TLS_A_COUNTERS,
	KWASM_TLS_A_AGENTS,
	KWASM_TLS_A_PENDING,
	KWASM_TLS_A_WRAPPED,
	KWASM_TLS_A_REQ_ID,
	KWASM_TLS_A_FD,
	KWASM_TLS_A_LOCAL,
	KWASM_TLS_A_REMOTE,
	KWASM_TLS_A_STATUS,
	KWASM_TLS_A_PEER_ID,
	KWASM_TLS_A_TX,
	KWASM_TLS_A_RX,
	__KWASM_TLS_A_MAX,
};

#define KWASM_TLS_A_MAX (__KWASM_TLS_A_MAX - 1)

/* Inside KWASM_TLS_A_POLICY. */
enum kwasm_tls_policy_attr {
	KWASM_TLS_P_UNSPEC,
	KWASM_TLS_P_MODULE,
	KWASM_TLS_P_EXPORT,
	__KWASM_TLS_P_MAX,
};

#define KWASM_TLS_P_MAX (__KWASM_TLS_P_MAX - 1)

/* Inside KWASM_TLS_A_COUNTERS, each u64. */
enum kwasm_tls_counter {
	KWASM_TLS_C_UNSPEC,
	KWASM_TLS_C_PAD,
	KWASM_TLS_C_MATCHED,		/* connections the rule matched */
	KWASM_TLS_C_WRAPPED,		/* handshakes done, kTLS installed */
	KWASM_TLS_C_PASSED,		/* passthrough, or fail-open */
	KWASM_TLS_C_DENIED,		/* deny rule */
	KWASM_TLS_C_VERIFY_FAILED,	/* the peer failed verification */
	KWASM_TLS_C_HANDSHAKE_FAILED,	/* TLS errors, agent crashed */
	KWASM_TLS_C_TIMEOUT,		/* no agent, or too slow */
	KWASM_TLS_C_UNWRAPPABLE,	/* ULP or sockmap already there */
	KWASM_TLS_C_KEY_UPDATE,		/* ended cleanly at the peer's KeyUpdate */
	KWASM_TLS_C_PEER_ERROR,		/* error alert or bad record, reset */
	KWASM_TLS_C_POLICY_DENIED,	/* the rule's policy said no, or failed */
	__KWASM_TLS_C_MAX,
};

#define KWASM_TLS_C_MAX (__KWASM_TLS_C_MAX - 1)

#endif /* _UAPI_LINUX_KWASM_TLS_H */
