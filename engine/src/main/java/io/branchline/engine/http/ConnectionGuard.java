package io.branchline.engine.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps connections from piling up, at the socket: a connection beyond
 * {@link ServerLimits#maxConnections()} is closed as soon as it is accepted, before anything
 * is read, and a request whose header block is not complete within
 * {@link ServerLimits#headerTimeoutMs()} (from the connection's opening, or from the first
 * byte of a later request on it) has its connection closed. The idle timeout alone does not
 * catch a client that sends a header a byte at a time, since every byte counts as activity.
 * It sits in front of the server socket's acceptor, so it sees connections before Vert.x
 * does (Vert.x announces a connection only once its first request is whole).
 */
@ChannelHandler.Sharable
final class ConnectionGuard extends ChannelInboundHandlerAdapter {

    private final ServerLimits limits;
    private final AtomicInteger open = new AtomicInteger();
    /** Local ports of servers that do not speak HTTP (the worker bridge): neither counted nor given a header deadline. */
    private final java.util.Set<Integer> exempt = java.util.concurrent.ConcurrentHashMap.newKeySet();

    ConnectionGuard(ServerLimits limits) {
        this.limits = limits;
    }

    /** Leaves connections to local port {@code port} alone: its server does not speak HTTP. */
    void exempt(int port) {
        exempt.add(port);
    }

    /** Connections open now. */
    int open() {
        return open.get();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Channel child = (Channel) msg;
        if (!exempt.isEmpty() && child.localAddress() instanceof java.net.InetSocketAddress local && exempt.contains(local.getPort())) {
            ctx.fireChannelRead(child);
            return;
        }
        if (open.incrementAndGet() > limits.maxConnections()) {
            open.decrementAndGet();
            // Not registered yet: closed at once, holding no descriptor past this call.
            child.unsafe().closeForcibly();
            return;
        }
        child.closeFuture().addListener(f -> open.decrementAndGet());
        child.pipeline().addFirst("branchline-header-deadline", new HeaderDeadline(limits.headerTimeoutMs()));
        ctx.fireChannelRead(child);
    }

    /**
     * One connection's deadline for its request headers: running from the opening and from
     * the first byte of each request, cancelled by the blank line that ends the header block.
     */
    static final class HeaderDeadline extends ChannelDuplexHandler {

        private static final byte[] END = {'\r', '\n', '\r', '\n'};

        private final long timeoutMs;
        private ScheduledFuture<?> deadline;
        private int matched;
        private boolean inHeaders = true;

        HeaderDeadline(long timeoutMs) {
            this.timeoutMs = timeoutMs;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            arm(ctx);
            super.channelActive(ctx);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (msg instanceof ByteBuf bytes && bytes.isReadable()) {
                if (!inHeaders) {
                    // The first byte after a header block: a request body or the next request.
                    // A body is small here and arrives at once, so the deadline is harmless.
                    inHeaders = true;
                    matched = 0;
                    arm(ctx);
                }
                bytes.forEachByte(bytes.readerIndex(), bytes.readableBytes(), b -> {
                    if (!inHeaders) {
                        return false;
                    }
                    matched = b == END[matched] ? matched + 1 : b == '\r' ? 1 : 0;
                    if (matched == END.length) {
                        inHeaders = false;
                        disarm();
                    }
                    return true;
                });
            }
            super.channelRead(ctx, msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            disarm();
            super.channelInactive(ctx);
        }

        private void arm(ChannelHandlerContext ctx) {
            disarm();
            deadline = ctx.executor().schedule(() -> {
                if (inHeaders) {
                    ctx.channel().close();
                }
            }, timeoutMs, TimeUnit.MILLISECONDS);
        }

        private void disarm() {
            if (deadline != null) {
                deadline.cancel(false);
                deadline = null;
            }
        }
    }
}
