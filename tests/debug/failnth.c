// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * failnth REPORT N CMD [ARG...]: run CMD with the Nth fault-injection point
 * counted from its first socket(AF_NETLINK) call failing, and write to the
 * file REPORT whether the fault was injected ("fired") or CMD made fewer
 * than N checks from there on ("not fired").
 * Exits with CMD's status, 128 + the signal if it was killed.  A CMD still
 * running after FAILNTH_TIMEOUT seconds (default 120) is killed after its
 * kernel stack is printed; the status is then 124.
 *
 * The kernel counts down /proc/PID/fail-nth at every failslab and
 * fail_page_alloc check of that task and fails the check that reaches 0;
 * the value left tells whether that happened.  A shell cannot set it on
 * a child at the right moment and read it back once the child has exited
 * (busybox sh reaps it), hence this helper: it traces the child's system
 * calls up to the netlink socket, sets fail-nth there, lets the child go
 * and reads the value back from the zombie with waitid(WNOWAIT).
 *
 * Counting from the socket leaves out exec and libc's start-up (two
 * thirds of a `kwasm load`'s fault points under a debug kernel, none of
 * them in kwasm.ko), which makes a sweep three times shorter.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static int timed_out;	/* set by the SIGALRM handler, read with __atomic */

static void on_alarm(int sig)
{
	__atomic_store_n(&timed_out, sig, __ATOMIC_RELAXED);
}

/* Where a hung CMD sleeps, for the report. */
static void print_stack(pid_t pid)
{
	char path[64], buf[4096];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/stack", (int)pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n > 0) {
		buf[n] = '\0';
		fprintf(stderr, "failnth: timed out; kernel stack of %d:\n%s", (int)pid, buf);
	}
}

static int proc_fail_nth(pid_t pid, const char *set, char *buf, size_t len)
{
	char path[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/fail-nth", (int)pid);
	fd = open(path, set ? O_WRONLY : O_RDONLY);
	if (fd < 0)
		return -errno;
	if (set)
		n = write(fd, set, strlen(set));
	else
		n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -errno;
	if (!set)
		buf[n] = '\0';
	return 0;
}

/* Write WHAT to the file REPORT; returns CMD's status as the exit code. */
static int report_and_exit(const char *path, const char *what, int st)
{
	FILE *report = fopen(path, "w");

	if (!report) {
		perror("failnth: report");
		return 2;
	}
	fprintf(report, "%s\n", what);
	fclose(report);
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return WEXITSTATUS(st);
}

/*
 * Resume the stopped, traced child until it enters socket(AF_NETLINK, ...).
 * Returns 0 with the child stopped there, 1 if it exited first (its status
 * in *st, reaped), -1 on an error or a timeout (the child is killed).
 */
static int run_to_netlink(pid_t pid, int *st)
{
	struct __ptrace_syscall_info si;
	int sig = 0;

	if (ptrace(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL) < 0)
		return -1;
	for (;;) {
		if (ptrace(PTRACE_SYSCALL, pid, 0, sig) < 0)
			return -1;
		while (waitpid(pid, st, 0) < 0) {
			if (errno != EINTR || __atomic_load_n(&timed_out, __ATOMIC_RELAXED)) {
				print_stack(pid);
				kill(pid, SIGKILL);
				return -1;
			}
		}
		if (WIFEXITED(*st) || WIFSIGNALED(*st))
			return 1;
		sig = WSTOPSIG(*st);
		if (sig != (SIGTRAP | 0x80)) {
			/* The SIGTRAP after execve is ptrace's own. */
			if (sig == SIGTRAP)
				sig = 0;
			continue;
		}
		sig = 0;
		if (ptrace(PTRACE_GET_SYSCALL_INFO, pid, sizeof(si), &si) <= 0)
			return -1;
		if (si.op == PTRACE_SYSCALL_INFO_ENTRY && si.entry.nr == SYS_socket &&
		    si.entry.args[0] == AF_NETLINK)
			return 0;
	}
}

int main(int argc, char **argv)
{
	char left[32];
	const char *tmo = getenv("FAILNTH_TIMEOUT");
	struct sigaction sa = { .sa_handler = on_alarm };
	siginfo_t info;
	pid_t pid;
	int st, rc;

	if (argc < 4) {
		fprintf(stderr, "usage: failnth REPORT N CMD [ARG...]\n");
		return 2;
	}
	pid = fork();
	if (pid < 0) {
		perror("failnth: fork");
		return 2;
	}
	if (pid == 0) {
		if (ptrace(PTRACE_TRACEME, 0, 0, 0) < 0)
			_exit(2);
		raise(SIGSTOP);
		execvp(argv[3], argv + 3);
		fprintf(stderr, "failnth: %s: %s\n", argv[3], strerror(errno));
		_exit(127);
	}
	if (waitpid(pid, &st, WUNTRACED) < 0 || !WIFSTOPPED(st)) {
		fprintf(stderr, "failnth: the child did not stop\n");
		return 2;
	}
	sigaction(SIGALRM, &sa, NULL);
	alarm(tmo ? atoi(tmo) : 120);
	rc = run_to_netlink(pid, &st);
	if (rc < 0) {
		fprintf(stderr, "failnth: tracing %s to its netlink socket failed\n", argv[3]);
		kill(pid, SIGKILL);
		return __atomic_load_n(&timed_out, __ATOMIC_RELAXED) ? 124 : 2;
	}
	if (rc > 0) {
		/* No netlink socket, no fault injected. */
		alarm(0);
		return report_and_exit(argv[1], "not fired", st);
	}
	if (proc_fail_nth(pid, argv[2], NULL, 0) || ptrace(PTRACE_DETACH, pid, 0, 0) < 0) {
		fprintf(stderr, "failnth: cannot set /proc/%d/fail-nth\n", (int)pid);
		kill(pid, SIGKILL);
		return 2;
	}
	/* Exited but not reaped: its fail-nth is still readable. */
	for (;;) {
		st = waitid(P_PID, pid, &info, WEXITED | WNOWAIT);
		if (st == 0 || errno != EINTR)
			break;
		if (__atomic_load_n(&timed_out, __ATOMIC_RELAXED)) {
			print_stack(pid);
			kill(pid, SIGKILL);
		}
	}
	alarm(0);
	if (st < 0 || proc_fail_nth(pid, NULL, left, sizeof(left))) {
		fprintf(stderr, "failnth: cannot read /proc/%d/fail-nth\n", (int)pid);
		return 2;
	}
	if (waitpid(pid, &st, 0) < 0)
		return 2;
	if (__atomic_load_n(&timed_out, __ATOMIC_RELAXED))
		return 124;
	return report_and_exit(argv[1], atoi(left) ? "not fired" : "fired", st);
}
