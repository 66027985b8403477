/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * State of the one-pass function validator and translator (compile*.c).
 *
 * Every operand-stack position has a fixed frame slot (locals first, then
 * the stack), so instructions address slots directly.  local.get and
 * constants are deferred: the stack entry names the local or holds the
 * value, and the consumer reads it in place.  Deferred entries are written
 * to their slots ("materialized") before control flow and before the local
 * they name is overwritten.
 */
#ifndef KW_COMPILE_H
#define KW_COMPILE_H

#include "internal.h"
#include "leb128.h"
#include "ops.h"

#define KW_T_UNKNOWN	0	/* polymorphic stack value in unreachable code */
#define KW_MAX_CONST_SLOTS	128	/* per function */

enum { V_STACK, V_LOCAL, V_CONST };

struct cval {
	u8 type;
	u8 kind;	/* V_* */
	u32 pos;	/* stack position (set when popped) */
	u32 idx;	/* V_LOCAL: the local */
	u64 imm;	/* V_CONST: the value */
};

struct ctrl {
	u8 op;			/* 0 function, 0x02 block, 0x03 loop, 0x04 if, 0x05 else */
	bool unreachable;
	bool dead_at_entry;
	u8 single;		/* storage for a one-result block type */
	u32 height;		/* stack height below the block's params */
	u32 nparams, nresults;
	const u8 *params, *results;
	u32 start;		/* loop: cell of the loop head */
	u32 ninsn;		/* loop: instruction count at entry, for fuel */
	s64 fixups;		/* forward branches to patch at end, linked via cells */
	s64 else_fix;		/* if: the false branch to patch at else/end */
	u32 rot_op;		/* loop: its top test's op, or 0 (compile_loop.c) */
	u32 rot_exit;		/* loop: the control that test leaves to */
};

struct cstate {
	struct kw_module *m;
	struct kw_reader r;
	struct kw_error *err;
	const void *const *labels;
	int rc;			/* sticky error */

	u8 *ltypes;
	u32 nlocals;
	u32 base;		/* first operand-stack slot: locals, then constants */
	u32 loops;		/* open loop blocks */
	u64 *consts;		/* constants kept in frame slots inside loops */
	u32 nconsts, maxconsts;
	u32 *lrefs;		/* deferred references per local */
	u32 ndeferred;

	struct cval *vals;
	u32 nvals, capvals, max_height;
	struct ctrl *ctrls;
	u32 nctrls, capctrls;

	union kw_cell *cells;
	u32 ncells, capcells;
	u32 *pcmap;
	u32 npc, cappc;

	bool dead;		/* code here is unreachable: emit nothing */
	s64 last_dst;		/* cell of the dst of the last instruction, or -1 */
	u32 last_dst_pos;	/* stack position that dst stands for */
	s64 last_insn;
	u32 last_op;
	s64 prev_insn;		/* the instruction before last_insn, and its op */
	u32 prev_op;
	s64 prev2_insn;		/* and the one before that (compile_rmw.c) */
	u32 prev2_op;
	s64 tee_insn;		/* last_insn when local.tee made it write tee_local */
	u32 tee_local;
	u32 nparams;
	u8 *lwritten;		/* per local: set since function entry */
	u32 label_at;		/* cell of the latest branch target */
	u32 insn_off;		/* byte offset of the instruction being compiled */
	u32 ninsn;
	u32 loop_insns;		/* instructions inside outermost loops */
};

/* compile_state.c: state, emission, operand stack and branch helpers. */
int kw_c_fail(struct cstate *st, int rc, const char *msg);
s64 kw_c_op(struct cstate *st, u32 op);
void kw_c_arg(struct cstate *st, u64 v);
void kw_c_pc_mark(struct cstate *st, u32 cell);
u64 kw_c_slot(struct cstate *st, u32 pos);
void kw_c_produced(struct cstate *st, s64 dst_cell, u32 pos);
void kw_c_push(struct cstate *st, u8 type);
void kw_c_push_local(struct cstate *st, u8 type, u32 idx);
void kw_c_push_const(struct cstate *st, u8 type, u64 imm);
struct ctrl *kw_c_top_ctrl(struct cstate *st);
int kw_c_pop(struct cstate *st, u8 want, struct cval *out);
void kw_c_emit_copy(struct cstate *st, u64 dst, u64 src);
void kw_c_emit_const(struct cstate *st, u64 dst, u64 imm);
void kw_c_materialize_all(struct cstate *st);
void kw_c_materialize_local(struct cstate *st, u32 idx);
void kw_c_materialize_top(struct cstate *st, u32 n);
u64 kw_c_src(struct cstate *st, struct cval *e);
int kw_c_peek_types(struct cstate *st, const u8 *types, u32 n);
int kw_c_pop_types(struct cstate *st, const u8 *types, u32 n);
void kw_c_push_types(struct cstate *st, const u8 *types, u32 n);
int kw_c_read_valtype(struct cstate *st, u8 *out);
int kw_c_read_u32(struct cstate *st, u32 *out);
u32 kw_c_label_arity(const struct ctrl *c, const u8 **types);
void kw_c_branch_target(struct cstate *st, struct ctrl *c);
void kw_c_patch_list(struct cstate *st, s64 head, u32 target);
bool kw_c_needs_copies(struct cstate *st, struct ctrl *c, u32 n);
void kw_c_emit_branch(struct cstate *st, struct ctrl *c, u32 n);
void kw_c_return_copies(struct cstate *st, u32 pos, u32 n);
void kw_c_set_unreachable(struct cstate *st);
void kw_c_emit_cond_branch(struct cstate *st, struct cval *cond, bool negate, struct ctrl *c);

/* compile_ctrl.c: blocks, branches, calls. */
int kw_c_control(struct cstate *st, u8 opcode);
int kw_c_push_ctrl(struct cstate *st, struct ctrl *c);

/* compile_loop.c: rotation of top-tested loops. */
void kw_c_loop_top_test(struct cstate *st, struct ctrl *target);
bool kw_c_loop_back_edge(struct cstate *st, struct ctrl *l, u32 n);
void kw_c_drop_br_to_end(struct cstate *st, struct ctrl *c);
bool kw_c_fuse_copy_br(struct cstate *st);

/* compile_num.c: opcodes 0x45..0xc4 and the 0xfc saturating truncations. */
void kw_c_merge_add_branch(struct cstate *st, s64 add, u32 op);
struct cval *kw_c_other_operand(struct cstate *st, struct cval *a, struct cval *b);
void kw_c_append_operand(struct cstate *st, u32 op, const struct cval *a, struct cval *other,
			 u8 type);
int kw_c_numeric(struct cstate *st, u8 opcode);
int kw_c_trunc_sat(struct cstate *st, u32 sub);

/* compile_rmw.c: stores and loads fused with the arithmetic around them. */
void kw_c_rmw_load_mla(struct cstate *st);
bool kw_c_rmw_store(struct cstate *st, struct cval *addr, struct cval *val, u32 op, u8 type,
		    u32 offset);
bool kw_c_rmw_call(struct cstate *st, const void *code, u64 base, u32 nparams);

/* compile_float.c: f64 fusions, and add-and-branch on non-zero. */
bool kw_c_fuse_float_bin(struct cstate *st, u32 op, struct cval *a, struct cval *b);
bool kw_c_fuse_float_store(struct cstate *st, struct cval *val, u64 sa, u32 op, u32 offset);
void kw_c_fuse_fadd_branch(struct cstate *st, u32 br);
bool kw_c_fuse_add_nez(struct cstate *st, struct cval *cond, bool negate, struct ctrl *c);

/* compile_intchain.c: an i32 op fused into the cell that made its operand. */
bool kw_c_fuse_chain(struct cstate *st, u32 op, struct cval *a, struct cval *b);
bool kw_c_fuse_chain_imm(struct cstate *st, u32 op, struct cval *a, u64 imm);
bool kw_c_fuse_copy3(struct cstate *st, u64 dst, u64 src);
bool kw_c_fuse_load_shl(struct cstate *st, struct cval *addr, u32 op, u8 type, u32 offset);

#endif /* KW_COMPILE_H */
