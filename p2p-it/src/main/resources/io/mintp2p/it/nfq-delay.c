/*
 * nfq-delay: holds the packets iptables sends to one NFQUEUE for a latency +- jitter, then
 * accepts them. It stands in for tc netem's delay on kernels built without sch_netem.
 *
 *   nfq-delay -q QUEUE -l LATENCY_MS [-j JITTER_MS] [-o] [-n MAX_HELD] [-p PIDFILE] [-d LOGFILE]
 *   nfq-delay -k PIDFILE     stop the delayer whose pid is in PIDFILE
 *   nfq-delay -i             idle forever (a process to keep a helper container alive)
 *
 * With -d it goes to the background once the queue is bound (its output to LOGFILE), so the
 * command that started it returns only when the delayer is in place, with its exit status.
 *
 * Each packet is released at arrival + latency + a uniform draw in [-jitter, +jitter] (never
 * before arrival). Verdicts are given out of order, so jitter reorders packets as netem does;
 * -o keeps them in order (a packet is never released before the one queued ahead of it).
 * At most MAX_HELD packets are held (default 8192); the kernel queue is bounded the same way
 * and fails open, so an overflow passes packets undelayed rather than dropping them.
 *
 * Raw netlink only (no libnetfilter_queue), so it links statically and runs in a FROM scratch
 * image. iptables picks the packets: e.g.
 *   iptables -A OUTPUT -d 172.18.0.3 -j NFQUEUE --queue-num 1 --queue-bypass
 */
#define _GNU_SOURCE
#include <arpa/inet.h> /* before the linux/ headers, which would redefine in_addr */
#include <errno.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_queue.h>
#include <linux/netlink.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

typedef struct { uint64_t due; uint32_t id; uint64_t seq; } held_t;

static held_t *heap;
static size_t heap_len, heap_cap;
static int fd;
static uint16_t queue_num;
static volatile sig_atomic_t stop;

static uint64_t now_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t) ts.tv_sec * 1000000u + ts.tv_nsec / 1000;
}

static int before(const held_t *a, const held_t *b) {
    return a->due < b->due || (a->due == b->due && a->seq < b->seq);
}

static void heap_push(held_t h) {
    size_t i = heap_len++;
    heap[i] = h;
    while (i > 0) {
        size_t p = (i - 1) / 2;
        if (!before(&heap[i], &heap[p])) break;
        held_t t = heap[i]; heap[i] = heap[p]; heap[p] = t;
        i = p;
    }
}

static held_t heap_pop(void) {
    held_t top = heap[0];
    heap[0] = heap[--heap_len];
    size_t i = 0;
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < heap_len && before(&heap[l], &heap[m])) m = l;
        if (r < heap_len && before(&heap[r], &heap[m])) m = r;
        if (m == i) break;
        held_t t = heap[i]; heap[i] = heap[m]; heap[m] = t;
        i = m;
    }
    return top;
}

/* One netlink request with one nfgenmsg header and the attributes in buf. */
static char *put_hdr(char *buf, uint16_t type, uint16_t flags) {
    struct nlmsghdr *nlh = (struct nlmsghdr *) buf;
    memset(buf, 0, NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(struct nfgenmsg)));
    nlh->nlmsg_len = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(struct nfgenmsg));
    nlh->nlmsg_type = (NFNL_SUBSYS_QUEUE << 8) | type;
    nlh->nlmsg_flags = NLM_F_REQUEST | flags;
    struct nfgenmsg *g = (struct nfgenmsg *) NLMSG_DATA(nlh);
    g->nfgen_family = AF_UNSPEC;
    g->version = NFNETLINK_V0;
    g->res_id = htons(queue_num);
    return buf;
}

static void put_attr(char *buf, uint16_t type, const void *data, uint16_t len) {
    struct nlmsghdr *nlh = (struct nlmsghdr *) buf;
    struct nlattr *a = (struct nlattr *) (buf + NLMSG_ALIGN(nlh->nlmsg_len));
    a->nla_type = type;
    a->nla_len = NLA_HDRLEN + len;
    memcpy((char *) a + NLA_HDRLEN, data, len);
    nlh->nlmsg_len = NLMSG_ALIGN(nlh->nlmsg_len) + NLA_ALIGN(a->nla_len);
}

static int send_msg(char *buf) {
    struct sockaddr_nl k = {.nl_family = AF_NETLINK};
    struct nlmsghdr *nlh = (struct nlmsghdr *) buf;
    return sendto(fd, buf, nlh->nlmsg_len, 0, (struct sockaddr *) &k, sizeof k) < 0 ? -1 : 0;
}

/* Sends a config request and waits for its ack. */
static int config(char *buf) {
    struct nlmsghdr *nlh = (struct nlmsghdr *) buf;
    nlh->nlmsg_flags |= NLM_F_ACK;
    static uint32_t seq;
    nlh->nlmsg_seq = ++seq;
    if (send_msg(buf) < 0) return -1;
    char rbuf[8192];
    for (;;) {
        ssize_t n = recv(fd, rbuf, sizeof rbuf, 0);
        if (n < 0) return -1;
        for (struct nlmsghdr *h = (struct nlmsghdr *) rbuf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
            if (h->nlmsg_type == NLMSG_ERROR && h->nlmsg_seq == seq) {
                int err = ((struct nlmsgerr *) NLMSG_DATA(h))->error;
                if (err) { errno = -err; return -1; }
                return 0;
            }
        }
    }
}

static void verdict(uint32_t id) {
    char buf[256];
    put_hdr(buf, NFQNL_MSG_VERDICT, 0);
    struct nfqnl_msg_verdict_hdr v = {.verdict = htonl(NF_ACCEPT), .id = htonl(id)};
    put_attr(buf, NFQA_VERDICT_HDR, &v, sizeof v);
    while (send_msg(buf) < 0 && errno == EINTR) {}
}

static void on_signal(int sig) { (void) sig; stop = 1; }

static int stop_pidfile(const char *path) {
    FILE *f = fopen(path, "r");
    long pid;
    if (!f) { perror(path); return 1; }
    if (fscanf(f, "%ld", &pid) != 1) { fclose(f); fprintf(stderr, "no pid in %s\n", path); return 1; }
    fclose(f);
    if (kill((pid_t) pid, SIGTERM) < 0 && errno != ESRCH) { perror("kill"); return 1; }
    for (int i = 0; i < 200 && kill((pid_t) pid, 0) == 0; i++) usleep(10000);
    unlink(path);
    return 0;
}

static void usage(void) {
    fprintf(stderr, "usage: nfq-delay -q QUEUE -l LATENCY_MS [-j JITTER_MS] [-o] [-n MAX_HELD] [-p PIDFILE] [-d LOGFILE]\n"
                    "       nfq-delay -k PIDFILE | -i\n");
    exit(2);
}

int main(int argc, char **argv) {
    double latency_ms = -1, jitter_ms = 0;
    int in_order = 0, opt;
    long queue = -1;
    const char *pidfile = NULL, *logfile = NULL;
    heap_cap = 8192;
    while ((opt = getopt(argc, argv, "q:l:j:on:p:d:k:i")) != -1) {
        switch (opt) {
            case 'q': queue = strtol(optarg, NULL, 10); break;
            case 'l': latency_ms = strtod(optarg, NULL); break;
            case 'j': jitter_ms = strtod(optarg, NULL); break;
            case 'o': in_order = 1; break;
            case 'n': heap_cap = (size_t) strtoul(optarg, NULL, 10); break;
            case 'p': pidfile = optarg; break;
            case 'd': logfile = optarg; break;
            case 'k': return stop_pidfile(optarg);
            case 'i': signal(SIGCHLD, SIG_IGN); for (;;) pause(); /* reaps the delayers it inherits */
            default: usage();
        }
    }
    if (queue < 0 || queue > 65535 || latency_ms < 0 || jitter_ms < 0 || heap_cap == 0) usage();
    queue_num = (uint16_t) queue;
    heap = calloc(heap_cap, sizeof *heap);
    if (!heap) { perror("calloc"); return 1; }

    struct sigaction sa = {.sa_handler = on_signal};
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);

    fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_NETFILTER);
    if (fd < 0) { perror("netlink socket"); return 1; }
    int rcv = 4 << 20, one = 1;
    if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcv, sizeof rcv) < 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcv, sizeof rcv);
    setsockopt(fd, SOL_NETLINK, NETLINK_NO_ENOBUFS, &one, sizeof one);
    struct sockaddr_nl local = {.nl_family = AF_NETLINK};
    if (bind(fd, (struct sockaddr *) &local, sizeof local) < 0) { perror("bind"); return 1; }

    char buf[256];
    struct nfqnl_msg_config_cmd cmd = {.command = NFQNL_CFG_CMD_BIND, .pf = htons(AF_INET)};
    put_hdr(buf, NFQNL_MSG_CONFIG, 0);
    put_attr(buf, NFQA_CFG_CMD, &cmd, sizeof cmd);
    if (config(buf) < 0) { perror("bind queue"); return 1; }
    struct nfqnl_msg_config_params params = {.copy_range = htonl(0), .copy_mode = NFQNL_COPY_META};
    put_hdr(buf, NFQNL_MSG_CONFIG, 0);
    put_attr(buf, NFQA_CFG_PARAMS, &params, sizeof params);
    if (config(buf) < 0) { perror("queue params"); return 1; }
    uint32_t maxlen = htonl((uint32_t) heap_cap);
    put_hdr(buf, NFQNL_MSG_CONFIG, 0);
    put_attr(buf, NFQA_CFG_QUEUE_MAXLEN, &maxlen, sizeof maxlen);
    if (config(buf) < 0) { perror("queue maxlen"); return 1; }
    uint32_t flags = htonl(NFQA_CFG_F_FAIL_OPEN);
    put_hdr(buf, NFQNL_MSG_CONFIG, 0);
    put_attr(buf, NFQA_CFG_FLAGS, &flags, sizeof flags);
    put_attr(buf, NFQA_CFG_MASK, &flags, sizeof flags);
    if (config(buf) < 0) perror("queue fail-open (ignored)");

    if (logfile) {
        int log = open(logfile, O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (log < 0) { perror(logfile); return 1; }
        pid_t child = fork();
        if (child < 0) { perror("fork"); return 1; }
        if (child > 0) {
            if (pidfile) {
                FILE *f = fopen(pidfile, "w");
                if (f) { fprintf(f, "%ld\n", (long) child); fclose(f); }
            }
            printf("%ld\n", (long) child);
            return 0;
        }
        setsid();
        dup2(log, 1);
        dup2(log, 2);
        close(log);
        close(0);
        pidfile = NULL; /* written by the parent; removed by -k */
    }
    if (pidfile) {
        FILE *f = fopen(pidfile, "w");
        if (f) { fprintf(f, "%ld\n", (long) getpid()); fclose(f); }
    }
    fprintf(stderr, "nfq-delay: queue %u, latency %.1f ms, jitter %.1f ms%s\n", queue_num, latency_ms, jitter_ms,
            in_order ? ", in order" : "");

    srand48((long) now_us() ^ getpid());
    uint64_t lat = (uint64_t) (latency_ms * 1000), jit = (uint64_t) (jitter_ms * 1000);
    uint64_t seq = 0, last_due = 0, held_max = 0, released = 0;
    static char rbuf[65536];
    while (!stop) {
        uint64_t t = now_us();
        while (heap_len > 0 && heap[0].due <= t) {
            verdict(heap_pop().id);
            released++;
        }
        struct timespec timeout, *tp = NULL;
        if (heap_len > 0) {
            uint64_t wait = heap[0].due - t;
            timeout.tv_sec = wait / 1000000;
            timeout.tv_nsec = (wait % 1000000) * 1000;
            tp = &timeout;
        }
        struct pollfd p = {.fd = fd, .events = POLLIN};
        int r = ppoll(&p, 1, tp, NULL);
        if (r < 0) {
            if (errno == EINTR) continue;
            perror("ppoll");
            break;
        }
        if (r == 0) continue;
        ssize_t n = recv(fd, rbuf, sizeof rbuf, MSG_DONTWAIT);
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN || errno == ENOBUFS) continue;
            perror("recv");
            break;
        }
        uint64_t arrival = now_us();
        for (struct nlmsghdr *h = (struct nlmsghdr *) rbuf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
            if ((h->nlmsg_type & 0xff) != NFQNL_MSG_PACKET || (h->nlmsg_type >> 8) != NFNL_SUBSYS_QUEUE) continue;
            int alen = h->nlmsg_len - NLMSG_HDRLEN - NLMSG_ALIGN(sizeof(struct nfgenmsg));
            struct nlattr *a = (struct nlattr *) ((char *) NLMSG_DATA(h) + NLMSG_ALIGN(sizeof(struct nfgenmsg)));
            for (; alen >= (int) NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= alen;
                 alen -= NLA_ALIGN(a->nla_len), a = (struct nlattr *) ((char *) a + NLA_ALIGN(a->nla_len))) {
                if ((a->nla_type & NLA_TYPE_MASK) != NFQA_PACKET_HDR) continue;
                uint32_t id = ntohl(((struct nfqnl_msg_packet_hdr *) ((char *) a + NLA_HDRLEN))->packet_id);
                if (heap_len == heap_cap) { verdict(id); break; }
                int64_t d = (int64_t) lat;
                if (jit) d += (int64_t) (drand48() * (2.0 * jit)) - (int64_t) jit;
                uint64_t due = arrival + (d > 0 ? (uint64_t) d : 0);
                if (in_order && due < last_due) due = last_due;
                last_due = due;
                heap_push((held_t) {.due = due, .id = id, .seq = seq++});
                if (heap_len > held_max) held_max = heap_len;
                break;
            }
        }
    }
    /* Let go of what is held, so no packet stays queued when we leave. */
    while (heap_len > 0) verdict(heap_pop().id);
    fprintf(stderr, "nfq-delay: queue %u stopped after %llu packets (at most %llu held)\n", queue_num,
            (unsigned long long) released, (unsigned long long) held_max);
    if (pidfile) unlink(pidfile);
    return 0;
}
