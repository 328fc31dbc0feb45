package io.branchline.engine.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.InternetProtocolFamily;
import io.vertx.core.Vertx;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.net.ClientOptionsBase;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.spi.transport.Transport;
import java.util.concurrent.ThreadFactory;

/**
 * Vert.x's NIO transport with a {@link ConnectionGuard} in front of every server socket it
 * opens. Vert.x offers no public hook at the moment a connection is accepted; its transport
 * is where server sockets are set up, so the guard goes in there.
 */
public final class GuardedTransport implements io.vertx.core.transport.Transport {

    private final Transport nio = io.vertx.core.transport.Transport.NIO.implementation();
    private final ConnectionGuard guard;

    private GuardedTransport(ServerLimits limits) {
        this.guard = new ConnectionGuard(limits);
    }

    /** A Vert.x whose servers hold to {@code limits}' connection cap and header timeout. */
    public static Vertx vertx(ServerLimits limits) {
        // Vert.x instantiates every VertxServiceProvider on the class path, clustered or not, and the
        // Hazelcast cluster manager is one: loading it loads Hazelcast. A plain server hides the cluster
        // managers' entries from that look-up (see NoClusterProviders), so it never loads them.
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(new NoClusterProviders(before != null ? before : GuardedTransport.class.getClassLoader()));
        try {
            return Vertx.builder().withTransport(new GuardedTransport(limits)).build();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /**
     * Leaves the server on local port {@code port} out of the guard: it does not speak HTTP, so a
     * header deadline would close its long-lived connections (the worker bridge's). Call it before
     * that server listens; a Vert.x not made by {@link #vertx} has no guard to change.
     */
    public static void exempt(Vertx vertx, int port) {
        Object transport = ((io.vertx.core.internal.VertxInternal) vertx).transport();
        if (transport instanceof Spi spi) {
            spi.guard().exempt(port);
        }
    }

    /** The transport itself, for a Vert.x built elsewhere (a clustered one) whose servers hold to {@code limits}. */
    public static io.vertx.core.transport.Transport transport(ServerLimits limits) {
        return new GuardedTransport(limits);
    }

    /** Connections open now on {@code vertx}'s servers; -1 when it was not made by {@link #vertx}. */
    public static int openConnections(Vertx vertx) {
        Object transport = ((io.vertx.core.internal.VertxInternal) vertx).transport();
        return transport instanceof Spi spi ? spi.guard().open() : -1;
    }

    @Override
    public String name() {
        return "nio (guarded)";
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public Throwable unavailabilityCause() {
        return null;
    }

    @Override
    public Transport implementation() {
        return new Spi(nio, guard);
    }

    /** The transport itself: NIO's, with the guard added to each server bootstrap. */
    record Spi(Transport nio, ConnectionGuard guard) implements Transport {

        @Override
        public boolean supportsDomainSockets() {
            return nio.supportsDomainSockets();
        }

        @Override
        public boolean supportFileRegion() {
            return nio.supportFileRegion();
        }

        @Override
        public boolean isAvailable() {
            return nio.isAvailable();
        }

        @Override
        public Throwable unavailabilityCause() {
            return nio.unavailabilityCause();
        }

        @Override
        public java.net.SocketAddress convert(io.vertx.core.net.SocketAddress address) {
            return nio.convert(address);
        }

        @Override
        public io.vertx.core.net.SocketAddress convert(java.net.SocketAddress address) {
            return nio.convert(address);
        }

        @Override
        public IoHandlerFactory ioHandlerFactory() {
            return nio.ioHandlerFactory();
        }

        @Override
        public EventLoopGroup eventLoopGroup(int type, int threads, ThreadFactory factory, int ioRatio) {
            return nio.eventLoopGroup(type, threads, factory, ioRatio);
        }

        @Override
        public DatagramChannel datagramChannel() {
            return nio.datagramChannel();
        }

        @Override
        @SuppressWarnings("deprecation")   // the signature Vert.x's Transport interface declares
        public DatagramChannel datagramChannel(InternetProtocolFamily family) {
            return nio.datagramChannel(family);
        }

        @Override
        public ChannelFactory<? extends Channel> channelFactory(boolean domainSocket) {
            return nio.channelFactory(domainSocket);
        }

        @Override
        public ChannelFactory<? extends ServerChannel> serverChannelFactory(boolean domainSocket) {
            return nio.serverChannelFactory(domainSocket);
        }

        @Override
        public void configure(DatagramChannel channel, DatagramSocketOptions options) {
            nio.configure(channel, options);
        }

        @Override
        public void configure(ClientOptionsBase options, int connectTimeout, boolean domainSocket, Bootstrap bootstrap) {
            nio.configure(options, connectTimeout, domainSocket, bootstrap);
        }

        @Override
        public void configure(NetServerOptions options, boolean domainSocket, ServerBootstrap bootstrap) {
            nio.configure(options, domainSocket, bootstrap);
            // The server channel's own handler sits before Netty's acceptor, so it meets each
            // accepted connection first.
            bootstrap.handler(guard);
        }
    }
}
