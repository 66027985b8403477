;; SPDX-License-Identifier: GPL-2.0 OR MIT
;; TLS policies of 69-tls-policy, through the guest ABI version 2
;; (sdk/c/kwasm_guest.h has the field numbers).
;;
;; check: logs "side=S lport=L rport=R uid=U tls=T comm=C peer=P", then
;;   server side: allows iff the peer is uri:spiffe://example.org/client
;;     and the local port is 8000 (so 8001 is denied);
;;   client side: allows iff the peer is dns:server.example.org and the
;;     connecting task is curl.
;; plain: for passthrough; allows iff there was no handshake, no peer, the
;;   uid is 0, the task is python3 and the local port is 8003.
;; trap: traps.  spin: runs out of fuel.  wide: returns an i64.
;; burn: allows after 10000 iterations, some 60000 units of fuel.
(module
  (import "kwasm" "conn_meta" (func $meta (param i32) (result i64)))
  (import "kwasm" "conn_read" (func $read (param i32 i32 i32) (result i32)))
  (import "kwasm" "log" (func $log (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "uri:spiffe://example.org/client")	;; 31 bytes
  (data (i32.const 64) "dns:server.example.org")		;; 22 bytes
  (data (i32.const 96) "curl")
  (data (i32.const 104) "python3")
  (data (i32.const 112) " side= lport= rport= uid= tls= comm= peer=")
  ;; 1024: the peer read; 2048: the comm read; 3072: the log line

  ;; $eq: n bytes at a equal n bytes at b
  (func $eq (param $a i32) (param $b i32) (param $n i32) (result i32)
    (block $no
      (loop $l
        (if (i32.eqz (local.get $n)) (then (return (i32.const 1))))
        (br_if $no (i32.ne (i32.load8_u (local.get $a)) (i32.load8_u (local.get $b))))
        (local.set $a (i32.add (local.get $a) (i32.const 1)))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (return (i32.const 0))
    (i32.const 1))

  ;; $peer_is: the peer identity is exactly the n bytes at s
  (func $peer_is (param $s i32) (param $n i32) (result i32)
    (if (i32.ne (call $read (i32.const 3) (i32.const 1024) (i32.const 1024)) (local.get $n))
      (then (return (i32.const 0))))
    (call $eq (i32.const 1024) (local.get $s) (local.get $n)))

  ;; $comm_is: the task name is exactly the n bytes at s
  (func $comm_is (param $s i32) (param $n i32) (result i32)
    (if (i32.ne (call $read (i32.const 2) (i32.const 2048) (i32.const 16)) (local.get $n))
      (then (return (i32.const 0))))
    (call $eq (i32.const 2048) (local.get $s) (local.get $n)))

  ;; $put: append n bytes from s at p; returns the new end
  (func $put (param $p i32) (param $s i32) (param $n i32) (result i32)
    (memory.copy (local.get $p) (local.get $s) (local.get $n))
    (i32.add (local.get $p) (local.get $n)))

  ;; $num: append the decimal digits of v at p; returns the new end
  (func $num (param $p i32) (param $v i64) (result i32)
    (local $q i32) (local $end i32)
    (local.set $q (i32.const 4000))
    (loop $l
      (local.set $q (i32.sub (local.get $q) (i32.const 1)))
      (i64.store8 (local.get $q) (i64.add (i64.const 48) (i64.rem_u (local.get $v) (i64.const 10))))
      (local.set $v (i64.div_u (local.get $v) (i64.const 10)))
      (br_if $l (i64.ne (local.get $v) (i64.const 0))))
    (call $put (local.get $p) (local.get $q) (i32.sub (i32.const 4000) (local.get $q))))

  ;; $field: append " NAME=" (bytes [o, o+n) of the labels) and a number
  (func $field (param $p i32) (param $o i32) (param $n i32) (param $v i64) (result i32)
    (call $num (call $put (local.get $p) (i32.add (i32.const 112) (local.get $o)) (local.get $n))
               (local.get $v)))

  (func $log_conn
    (local $p i32) (local $n i32)
    (local.set $p (call $field (i32.const 3072) (i32.const 1) (i32.const 5)
                               (call $meta (i32.const 0))))
    (local.set $p (call $field (local.get $p) (i32.const 6) (i32.const 7)
                               (call $meta (i32.const 2))))
    (local.set $p (call $field (local.get $p) (i32.const 13) (i32.const 7)
                               (call $meta (i32.const 3))))
    (local.set $p (call $field (local.get $p) (i32.const 20) (i32.const 5)
                               (call $meta (i32.const 4))))
    (local.set $p (call $field (local.get $p) (i32.const 25) (i32.const 5)
                               (call $meta (i32.const 9))))
    (local.set $p (call $put (local.get $p) (i32.const 142) (i32.const 6)))
    (local.set $n (call $read (i32.const 2) (local.get $p) (i32.const 16)))
    (if (i32.gt_s (local.get $n) (i32.const 16)) (then (local.set $n (i32.const 16))))
    (if (i32.gt_s (local.get $n) (i32.const 0))
      (then (local.set $p (i32.add (local.get $p) (local.get $n)))))
    (local.set $p (call $put (local.get $p) (i32.const 148) (i32.const 6)))
    (local.set $n (call $read (i32.const 3) (local.get $p) (i32.const 64)))
    (if (i32.gt_s (local.get $n) (i32.const 64)) (then (local.set $n (i32.const 64))))
    (if (i32.gt_s (local.get $n) (i32.const 0))
      (then (local.set $p (i32.add (local.get $p) (local.get $n)))))
    (call $log (i32.const 3072) (i32.sub (local.get $p) (i32.const 3072))))

  (func (export "check") (result i32)
    (call $log_conn)
    (if (i64.eq (call $meta (i32.const 0)) (i64.const 1))
      (then
        (return (i32.and
          (call $peer_is (i32.const 0) (i32.const 31))
          (i64.eq (call $meta (i32.const 2)) (i64.const 8000))))))
    (i32.and (call $peer_is (i32.const 64) (i32.const 22))
             (call $comm_is (i32.const 96) (i32.const 4))))

  (func (export "plain") (result i32)
    (call $log_conn)
    (i32.and
      (i32.and
        (i32.and (i64.eqz (call $meta (i32.const 9)))
                 (i32.eqz (call $read (i32.const 3) (i32.const 1024) (i32.const 1024))))
        (i64.eqz (call $meta (i32.const 4))))
      (i32.and (call $comm_is (i32.const 104) (i32.const 7))
               (i64.eq (call $meta (i32.const 2)) (i64.const 8003)))))

  (func (export "trap") (result i32)
    unreachable)

  (func (export "spin") (result i32)
    (loop $l (br $l))
    (i32.const 1))

  (func (export "burn") (result i32)
    (local $i i32)
    (loop $l
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 10000))))
    (i32.const 1))

  (func (export "wide") (result i64)
    (i64.const 1)))
