// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * kwasm.ko: WebAssembly in the Linux kernel.  Module entry points and
 * parameters; each subsystem lives in its own file.
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/moduleparam.h>

#include "bpf.h"
#include "genl.h"
#include "nf.h"
#include "registry.h"
#include "tls.h"

unsigned long long kw_param_fuel = 100000000;
module_param_named(fuel, kw_param_fuel, ullong, 0644);
MODULE_PARM_DESC(fuel, "Default fuel per call in instructions, 0 for unlimited (default 100000000)");

unsigned int kw_param_max_pages = 256;
module_param_named(max_pages, kw_param_max_pages, uint, 0644);
MODULE_PARM_DESC(max_pages, "Default linear memory cap in 64 KiB pages (default 256 = 16 MiB)");

unsigned int kw_param_max_modules = 64;
module_param_named(max_modules, kw_param_max_modules, uint, 0644);
MODULE_PARM_DESC(max_modules, "Maximum number of loaded Wasm modules (default 64)");

unsigned long long kw_param_dp_fuel = 1000000;
module_param_named(dp_fuel, kw_param_dp_fuel, ullong, 0644);
MODULE_PARM_DESC(dp_fuel, "Default fuel per data-path call (default 1000000)");

unsigned int kw_param_dp_max_pages = 32;
module_param_named(dp_max_pages, kw_param_dp_max_pages, uint, 0644);
MODULE_PARM_DESC(dp_max_pages,
		 "Default memory cap of a data-path module, preallocated per CPU (default 32 = 2 MiB)");

unsigned int kw_param_map_entries = 512;
module_param_named(map_entries, kw_param_map_entries, uint, 0444);
MODULE_PARM_DESC(map_entries, "Entries per key-value map of a module (default 512)");

unsigned int kw_param_call_ms = 10000;
module_param_named(call_ms, kw_param_call_ms, uint, 0644);
MODULE_PARM_DESC(call_ms,
		 "Wall-clock limit of a control-plane call or instantiation in ms, 1..3600000 (default 10000)");

unsigned long long kw_param_dp_fuel_max = 100000000;
module_param_named(dp_fuel_max, kw_param_dp_fuel_max, ullong, 0644);
MODULE_PARM_DESC(dp_fuel_max, "Largest fuel a data-path module may have (default 100000000)");

unsigned int kw_param_dp_call_us = 10000;
module_param_named(dp_call_us, kw_param_dp_call_us, uint, 0644);
MODULE_PARM_DESC(dp_call_us,
		 "Wall-clock limit of a data-path call in microseconds, from its first 4096 fuel, 1..100000 (default 10000)");

unsigned int kw_param_dp_pages_limit = 256;
module_param_named(dp_pages_limit, kw_param_dp_pages_limit, uint, 0644);
MODULE_PARM_DESC(dp_pages_limit,
		 "Largest memory cap of a data-path module in pages, preallocated per CPU (default 256 = 16 MiB)");

unsigned int kw_param_max_file_size = 16 << 20;
module_param_named(max_file_size, kw_param_max_file_size, uint, 0644);
MODULE_PARM_DESC(max_file_size, "Maximum Wasm binary size in bytes (default 16 MiB)");

static int __init kwasm_init(void)
{
	int ret;

	ret = kw_registry_init();
	if (ret)
		goto err_registry;
	ret = kw_nf_init();
	if (ret)
		goto err_nf;
	ret = kw_genl_init();
	if (ret)
		goto err_genl;
	ret = kw_tls_init();
	if (ret)
		goto err_tls;
	/* Last: kfuncs cannot be unregistered, and eBPF is optional. */
	kw_bpf_init();
	pr_info("loaded\n");
	return 0;

err_tls:
	kw_genl_uninit();
err_genl:
	kw_nf_uninit();
err_nf:
	kw_registry_uninit();
err_registry:
	return ret;
}

static void __exit kwasm_exit(void)
{
	kw_tls_uninit();
	kw_genl_uninit();
	/* Attachments hold module references: detach before freeing modules. */
	kw_nf_uninit();
	kw_registry_uninit();
	pr_info("unloaded\n");
}

module_init(kwasm_init);
module_exit(kwasm_exit);
MODULE_LICENSE("Dual MIT/GPL");
MODULE_DESCRIPTION("WebAssembly runtime in the kernel");
MODULE_AUTHOR("The kwasm authors");
MODULE_VERSION(KWASM_VERSION);
MODULE_ALIAS_GENL_FAMILY(KWASM_GENL_NAME);
MODULE_ALIAS_GENL_FAMILY(KWASM_TLS_GENL_NAME);
