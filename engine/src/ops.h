/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The internal instruction set: what compile.c emits and interp.c runs.
 *
 * Code is an array of 8-byte cells.  An instruction is a handler address
 * followed by operands.  Slot operands are byte offsets from the frame
 * pointer (locals first, then the operand stack); branch offsets are in
 * cells, relative to the cell that holds them.  Layouts, by family:
 *
 *   BIN   [h, dst, a, b]          UN    [h, dst, a]
 *   IMM   [h, dst, a, imm]        BRC   [h, a, b|imm, off]
 *   LOAD  [h, dst, addr, offset]  STORE [h, addr, val|imm, offset]
 *   LOAD_RR [h, dst, a, b, offset] and LOAD_RI [h, dst, a, imm, offset]
 *   load from (u32)(a + b|imm) + offset: an i32.add fused into the load.
 *   STORE_RR/RI[_IMM] [h, a, b|imm, val|vimm, offset] likewise for stores.
 *   MLA   [h, dst, x, y, c]  dst = c + x * y (two roundings for floats)
 *   COPY2 [h, d1, s1, d2, s2] two copies, in order
 *   ADD_BR [h, dst, x, y|imm, a, b|imm, off]  dst = x + y, then a BRC
 *   (the counter step and test that end most loops, one dispatch).
 *   LOAD_RR/RI_TEE [h, dst, a, b|imm, offset, tee] LOAD_RR/RI that also
 *   writes the address sum to the local @tee (an address kept for a store).
 *
 * A backward branch always lands on a `loop` instruction; the branch
 * charges the loop's fuel and skips it, so a loop costs no extra dispatch.
 */
#ifndef KW_OPS_H
#define KW_OPS_H

#include "internal.h"

union kw_cell {
	const void *h;
	u64 u;
	s64 s;
	const void *p;
};

/* X(name) for every instruction; the enum and the label table follow it. */
#define KW_CMP_OPS(X, p)						\
	X(p##eq) X(p##ne) X(p##lt_s) X(p##lt_u) X(p##gt_s) X(p##gt_u)	\
	X(p##le_s) X(p##le_u) X(p##ge_s) X(p##ge_u)

#define KW_CMP_IMM_OPS(X, p)						\
	X(p##eq_imm) X(p##ne_imm) X(p##lt_s_imm) X(p##lt_u_imm)		\
	X(p##gt_s_imm) X(p##gt_u_imm) X(p##le_s_imm) X(p##le_u_imm)	\
	X(p##ge_s_imm) X(p##ge_u_imm)

/* Float compare-and-branch: the n* forms branch when the compare is false. */
#define KW_FCMP_BR_OPS(X, p)						\
	X(p##eq) X(p##ne) X(p##lt) X(p##gt) X(p##le) X(p##ge)		\
	X(p##nlt) X(p##ngt) X(p##nle) X(p##nge)

#define KW_INT_BIN_OPS(X, p)						\
	X(p##add) X(p##sub) X(p##mul) X(p##div_s) X(p##div_u) X(p##rem_s)	\
	X(p##rem_u) X(p##and) X(p##or) X(p##xor) X(p##shl) X(p##shr_s)	\
	X(p##shr_u) X(p##rotl) X(p##rotr) KW_CMP_OPS(X, p)

#define KW_INT_IMM_OPS(X, p)						\
	X(p##add_imm) X(p##mul_imm) X(p##and_imm) X(p##or_imm) X(p##xor_imm)	\
	X(p##shl_imm) X(p##shr_s_imm) X(p##shr_u_imm) X(p##rotl_imm)		\
	X(p##rotr_imm) KW_CMP_IMM_OPS(X, p)

#define KW_FLT_OPS(X, p)						\
	X(p##add) X(p##sub) X(p##mul) X(p##div) X(p##min) X(p##max)		\
	X(p##copysign) X(p##eq) X(p##ne) X(p##lt) X(p##gt) X(p##le) X(p##ge)	\
	X(p##abs) X(p##neg) X(p##ceil) X(p##floor) X(p##trunc) X(p##nearest)	\
	X(p##sqrt)

/* The loads in one order; the _rr and _ri families repeat it. */
#define KW_LOAD_OPS(X, s)						\
	X(i32_load##s) X(i64_load##s) X(i32_load8_s##s) X(i32_load8_u##s)	\
	X(i32_load16_s##s) X(i32_load16_u##s) X(i64_load8_s##s)		\
	X(i64_load8_u##s) X(i64_load16_s##s) X(i64_load16_u##s)		\
	X(i64_load32_s##s) X(i64_load32_u##s)

#define KW_STORE_OPS(X, s)						\
	X(store8##s) X(store16##s) X(store32##s) X(store64##s)

/*
 * Stores fused with the integer cell that computed the value (compile_rmw.c;
 * the f64 ones are KW_FLOAT_OPS):
 *   OP_ST  [h, addr, a, b, off] and MLA_ST [h, addr, x, y, c, off]
 *   mem[addr + off] = a OP b, or c + x * y; the temporary is not written.
 *   LOAD*_MLA [h, dst, <the load's operands>, y, c]  dst = c + load * y
 *   (an i32 load, any of the plain, _rr, _ri, _rr_tee, _ri_tee forms);
 *   LOAD*_MLA_ST [h, addr, <the load's operands>, y, c, off] stores it.
 *   RMW_RR/RI_MLA_LOAD* [<LOAD_RR/RI_TEE of m>, <LOAD*_MLA_ST>], the two
 *   cells run as one when the store goes back to m's address (its tee
 *   local and offset) and c is m: mem[m] = m + load * y.
 *   RMW<w>_OP[_IMM] [h, a, b|imm, off]  mem[a + off] OP= b|imm, w bits
 *   wide: a load through the plain local a, the arithmetic, and the store
 *   back through a, in one dispatch (`buf[i] += 1`).
 *   CALL_ADDI [h, dst, a, imm, code, base]  dst = a + imm (i32), the last
 *   argument, then a call as [call, code, base] (`fib(n - 1)`).
 */
#define KW_RMW_LOADS(X, s)						\
	X(i32_load##s) X(i32_load_rr##s) X(i32_load_ri##s)		\
	X(i32_load_rr_tee##s) X(i32_load_ri_tee##s)

#define KW_RMW_IP(X, w)							\
	X(rmw##w##_add_imm) X(rmw##w##_and_imm) X(rmw##w##_or_imm)	\
	X(rmw##w##_xor_imm) X(rmw##w##_add) X(rmw##w##_sub)		\
	X(rmw##w##_and) X(rmw##w##_or) X(rmw##w##_xor)

#define KW_RMW_MLA(X, p)						\
	X(p) X(p##_rr) X(p##_ri) X(p##_rr_tee) X(p##_ri_tee)

#define KW_RMW_OPS(X)							\
	X(i32_add_st) X(i32_sub_st) X(i32_mla_st) X(i64_add_st)		\
	X(i64_sub_st) X(i64_mla_st)					\
	KW_RMW_LOADS(X, _mla) KW_RMW_LOADS(X, _mla_st)			\
	KW_RMW_MLA(X, i32_rmw_rr_mla_load) KW_RMW_MLA(X, i32_rmw_ri_mla_load)	\
	KW_RMW_IP(X, 8) KW_RMW_IP(X, 16) KW_RMW_IP(X, 32) KW_RMW_IP(X, 64)	\
	X(call_addi)

/*
 * f64 fusions (compile_float.c), each IEEE operation rounded on its own:
 *   MLA-like [h, dst, x, y, c]: mls c - x*y, mul3 (x*y)*c, add_sub c + (x-y).
 *   LD [h, dst, a, addr, offset], LDRI [h, dst, a, base, imm, offset]:
 *   dst = a OP the f64 at the LOAD / LOAD_RI address.
 *   MEM [h, addr, a, offset]: the f64 at addr+offset becomes a OP it.
 *   ST [h, dst, a, b, addr, offset], [h, dst, x, y, c, addr, offset]: the
 *   BIN or MLA-like result, also stored to memory (dst: a local.tee's).
 *   FADD_BR [h, dst, x, y, a, b, off]: dst = x + y, then a BRC of f64s.
 *   MUL3_MEM [h, addr, x, y, c, offset]: the f64 at addr+offset gets
 *   (x*y)*c added; ADDI_MUL3_MEM [h, addr, base, imm, x, y, c, offset]
 *   first sets the i32 addr = base + imm (a local.tee's).
 */
#define KW_FLOAT_OPS(X)							\
	X(f64_mls) X(f64_mul3)						\
	X(f64_add_ld) X(f64_sub_ld) X(f64_mul_ld)			\
	X(f64_add_ldri) X(f64_sub_ldri) X(f64_mul_ldri)			\
	X(f64_add_mem) X(f64_sub_mem) X(f64_mul_mem)			\
	X(f64_add_st) X(f64_sub_st) X(f64_mul_st)			\
	X(f64_mla_st) X(f64_mls_st) X(f64_mul3_st)			\
	X(f64_add_sub) KW_FCMP_BR_OPS(X, fadd_br_)			\
	X(f64_mul3_add_mem) X(f64_addi_mul3_add_mem)

/*
 * Rotated loop tails (compile_loop.c): the back edge of a top-tested loop
 * runs the loop's test itself, BRC and ADD_BR layouts.  The offset points
 * at the `loop` cell; the fuel is charged whichever way the test goes, and
 * a taken branch skips the loop cell and the top test, KW_LOOP_ROT_SKIP
 * cells, into the body.  The three groups follow the order of br_i32_*.
 * COPY_BR [h, dst, src, off] and COPY2_BR [h, d1, s1, d2, s2, off]: the
 * copies that often come right before a `br`, then the `br`.
 */
#define KW_LOOP_ROT_SKIP	6
#define KW_LOOP_OPS(X)							\
	KW_CMP_OPS(X, loop_br_i32_) KW_CMP_IMM_OPS(X, loop_br_i32_)	\
	KW_CMP_OPS(X, loop_add_br_) KW_CMP_IMM_OPS(X, loop_add_br_)	\
	KW_CMP_OPS(X, loop_addi_br_) KW_CMP_IMM_OPS(X, loop_addi_br_)	\
	X(copy_br) X(copy2_br)

/*
 * Integer op chains: an i32 op fused with the cell that produced one of
 * its operands (compile_intchain.c, interp_intchain.h):
 *   SH_OP   [h, dst, y, k, x]              dst = x op (y sh k)
 *   BB_OP   [h, dst, y, z, x]              dst = x op (y op2 z)
 *   LOAD_OP [h, dst, a, imm, offset, x]    dst = x op LOAD_RI
 *   COPY3   [h, d1, s1, d2, s2, d3, s3]    three copies, in order
 *   FNV     [h, dst, a, imm, offset, x, m] dst = (x ^ LOAD8_U_RI) * m
 *   LOAD_SL [h, dst, y, k, imm, offset]    load from (u32)((y << k) + imm)
 *   + offset: a table indexed by a shifted value (shl_imm, add_imm, load).
 */
#define KW_INTCHAIN_OPS(X)						\
	X(i32_xor_rotl_imm) X(i32_xor_shl_imm) X(i32_xor_shr_u_imm)	\
	X(i32_add_mul_imm) X(i32_and_xor) X(i32_xor_and) X(i32_add_and)	\
	X(i32_add_load_ri) X(i32_xor_load8_u_ri) X(copy3) X(i32_load_shl_ri)	\
	X(i32_fnv_load8_u_ri) X(i32_rot2) X(i32_rot3) X(i32_rot2_shr)

#define KW_OPS(X)							\
	X(unreachable) X(br) X(br_nez) X(br_eqz) X(br_table) X(loop)	\
	X(ret) X(call) X(call_import) X(call_indirect)			\
	X(copy) X(copy2) X(const) X(select) X(global_get) X(global_set)	\
	X(i32_mla) X(i64_mla) X(f32_mla) X(f64_mla)				\
	KW_CMP_OPS(X, br_i32_) KW_CMP_IMM_OPS(X, br_i32_)			\
	KW_CMP_OPS(X, br_i64_) KW_CMP_IMM_OPS(X, br_i64_)			\
	X(br_i64_nez) X(br_i64_eqz)						\
	KW_FCMP_BR_OPS(X, br_f32_) KW_FCMP_BR_OPS(X, br_f64_)		\
	KW_CMP_OPS(X, add_br_) KW_CMP_IMM_OPS(X, add_br_)			\
	KW_CMP_OPS(X, addi_br_) KW_CMP_IMM_OPS(X, addi_br_)		\
	X(i32_load_rr_tee) X(i64_load_rr_tee) X(i32_load8_u_rr_tee)		\
	X(i32_load_ri_tee) X(i64_load_ri_tee) X(i32_load8_u_ri_tee)		\
	X(i32_load) X(i64_load) X(i32_load8_s) X(i32_load8_u)		\
	X(i32_load16_s) X(i32_load16_u) X(i64_load8_s) X(i64_load8_u)	\
	X(i64_load16_s) X(i64_load16_u) X(i64_load32_s) X(i64_load32_u)	\
	KW_LOAD_OPS(X, _rr) KW_LOAD_OPS(X, _ri)				\
	X(store8) X(store16) X(store32) X(store64)				\
	KW_STORE_OPS(X, _imm) KW_STORE_OPS(X, _rr) KW_STORE_OPS(X, _ri)	\
	KW_STORE_OPS(X, _rr_imm) KW_STORE_OPS(X, _ri_imm)			\
	X(memory_size) X(memory_grow) X(memory_fill) X(memory_copy)	\
	X(memory_init) X(data_drop)						\
	X(table_get) X(table_set) X(table_size) X(table_grow) X(table_fill)	\
	X(table_copy) X(table_init) X(elem_drop) X(ref_is_null) X(ref_func)	\
	KW_INT_BIN_OPS(X, i32_) KW_INT_IMM_OPS(X, i32_)			\
	X(i32_clz) X(i32_ctz) X(i32_popcnt) X(i32_eqz) X(i32_extend8_s)	\
	X(i32_extend16_s)							\
	KW_INT_BIN_OPS(X, i64_) KW_INT_IMM_OPS(X, i64_)			\
	X(i64_clz) X(i64_ctz) X(i64_popcnt) X(i64_eqz) X(i64_extend8_s)	\
	X(i64_extend16_s) X(i64_extend32_s)					\
	KW_FLT_OPS(X, f32_) KW_FLT_OPS(X, f64_)				\
	X(i32_wrap_i64) X(i64_extend_i32_s) X(i64_extend_i32_u)		\
	X(i32_trunc_f32_s) X(i32_trunc_f32_u) X(i32_trunc_f64_s)		\
	X(i32_trunc_f64_u) X(i64_trunc_f32_s) X(i64_trunc_f32_u)		\
	X(i64_trunc_f64_s) X(i64_trunc_f64_u)				\
	X(i32_trunc_sat_f32_s) X(i32_trunc_sat_f32_u) X(i32_trunc_sat_f64_s)	\
	X(i32_trunc_sat_f64_u) X(i64_trunc_sat_f32_s) X(i64_trunc_sat_f32_u)	\
	X(i64_trunc_sat_f64_s) X(i64_trunc_sat_f64_u)			\
	X(f32_convert_i32_s) X(f32_convert_i32_u) X(f32_convert_i64_s)	\
	X(f32_convert_i64_u) X(f64_convert_i32_s) X(f64_convert_i32_u)	\
	X(f64_convert_i64_s) X(f64_convert_i64_u) X(f32_demote_f64)		\
	X(f64_promote_f32) KW_RMW_OPS(X) KW_FLOAT_OPS(X) KW_LOOP_OPS(X)	\
	KW_INTCHAIN_OPS(X)

#define KW_OP_ENUM(name) KW_OP_##name,
enum kw_op {
	KW_OPS(KW_OP_ENUM)
	__KW_OP_COUNT,
};

#undef KW_OP_ENUM

/* Compiled code of one defined function. */
struct kw_code {
	union kw_cell *cells;
	u32 ncells;
	u32 nparams;
	u32 nresults;
	u32 nlocals;		/* params included */
	u32 frame_slots;	/* locals, constants and deepest operand stack */
	u32 nconsts;		/* constants copied into the frame after the locals */
	u64 *consts;
	u32 func_idx;
	u32 fuel;		/* charged per call: instructions outside loops */
	const struct kw_functype *type;
	u32 *pcmap;		/* pairs: cell index, wasm byte offset */
	u32 npcmap;
};

/* Wasm byte offset of the instruction at cell @pos, for trap reports. */
u32 kw_code_offset(const struct kw_code *code, u32 pos);

#endif /* KW_OPS_H */
