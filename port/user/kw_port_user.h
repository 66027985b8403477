/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Test hooks of the userspace port (port_user.c), for the unit tests and
 * the fuzzer.
 */
#ifndef KW_PORT_USER_H
#define KW_PORT_USER_H

/* Fail the Nth allocation from now (0 disables). */
extern long kw_port_fail_after;
/* Allocations not yet freed, for leak checks. */
extern long kw_port_live_allocs;

#endif /* KW_PORT_USER_H */
