// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm.ko: fallbacks for older kernels, declared in compat.h.
 */
#include <linux/atomic.h>
#include <linux/kernel.h>
#include <linux/netlink.h>

#ifdef KW_COMPAT_EXTACK_RING
static char kw_extack_ring[KW_EXTACK_SLOTS][KW_EXTACK_LEN];
static atomic_t kw_extack_next = ATOMIC_INIT(0);

/**
 * kw_compat_extack_fmt() - set a formatted extack message on 6.1
 * @extack: the request's extack, or NULL
 * @fmt: printf format
 *
 * The last byte of every slot stays NUL, so a reader racing with a reuse
 * of its slot still sees a terminated string.
 */
void kw_compat_extack_fmt(struct netlink_ext_ack *extack, const char *fmt, ...)
{
	unsigned int slot;
	va_list ap;
	char *buf;

	if (!extack)
		return;
	slot = (unsigned int)atomic_inc_return(&kw_extack_next) % KW_EXTACK_SLOTS;
	buf = kw_extack_ring[slot];
	va_start(ap, fmt);
	vsnprintf(buf, KW_EXTACK_LEN, fmt, ap);
	va_end(ap);
	extack->_msg = buf;
}
#else
/**
 * kw_compat_extack_fmt() - set a formatted extack message, cut to fit
 * @extack: the request's extack, or NULL
 * @fmt: printf format
 */
void kw_compat_extack_fmt(struct netlink_ext_ack *extack, const char *fmt, ...)
{
	va_list ap;

	if (!extack)
		return;
	va_start(ap, fmt);
	vsnprintf(extack->_msg_buf, NETLINK_MAX_FMTMSG_LEN, fmt, ap);
	va_end(ap);
	do_trace_netlink_extack(extack->_msg_buf);
	extack->_msg = extack->_msg_buf;
}
#endif
