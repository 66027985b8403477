// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * failnth REPORT N CMD [ARG...]: run CMD with the Nth fault-injection point
 * of its process failing, and write to the file REPORT whether the fault
 * was injected ("fired") or CMD made fewer than N checks ("not fired").
 * Exits with CMD's status, 128 + the signal if it was killed.  A CMD still
 * running after FAILNTH_TIMEOUT seconds (default 120) is killed after its
 * kernel stack is printed; the status is then 124.
 *
 * The kernel counts down /proc/PID/fail-nth at every failslab and
 * fail_page_alloc check of that task and fails the check that reaches 0;
 * the value left tells whether that happened.  A shell cannot set it on
 * a child just before exec and read it back once the child has exited
 * (busybox sh reaps it), hence this helper: the child stops itself before
 * exec, the parent sets fail-nth, resumes it and reads the value back from
 * the zombie with waitid(WNOWAIT).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

int main(int argc, char **argv)
{
	char left[32];
	const char *tmo = getenv("FAILNTH_TIMEOUT");
	struct sigaction sa = { .sa_handler = on_alarm };
	siginfo_t info;
	FILE *report;
	pid_t pid;
	int st;

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
		raise(SIGSTOP);
		execvp(argv[3], argv + 3);
		fprintf(stderr, "failnth: %s: %s\n", argv[3], strerror(errno));
		_exit(127);
	}
	if (waitpid(pid, &st, WUNTRACED) < 0 || !WIFSTOPPED(st)) {
		fprintf(stderr, "failnth: the child did not stop\n");
		return 2;
	}
	if (proc_fail_nth(pid, argv[2], NULL, 0)) {
		fprintf(stderr, "failnth: cannot set /proc/%d/fail-nth\n", (int)pid);
		kill(pid, SIGKILL);
		return 2;
	}
	sigaction(SIGALRM, &sa, NULL);
	alarm(tmo ? atoi(tmo) : 120);
	kill(pid, SIGCONT);
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
	report = fopen(argv[1], "w");
	if (!report) {
		perror("failnth: report");
		return 2;
	}
	fprintf(report, "%s\n", atoi(left) ? "not fired" : "fired");
	fclose(report);
	if (waitpid(pid, &st, 0) < 0)
		return 2;
	if (__atomic_load_n(&timed_out, __ATOMIC_RELAXED))
		return 124;
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return WEXITSTATUS(st);
}
