// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client;

import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;
import io.grpc.NameResolverRegistry;
import io.grpc.StatusOr;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Resolves {@code flowvox-hosts:///host1:port1,host2:port2} to those addresses, so that one channel
 * balances over a fixed list of servers (a static alternative to a DNS name with several A
 * records). Host names are resolved when the channel connects; the list itself never changes.
 */
final class HostListResolverProvider extends NameResolverProvider {

    /** The target scheme. */
    static final String SCHEME = "flowvox-hosts";

    private static final HostListResolverProvider INSTANCE = new HostListResolverProvider();

    static {
        NameResolverRegistry.getDefaultRegistry().register(INSTANCE);
    }

    private HostListResolverProvider() {
    }

    /**
     * The target for a list of servers; registers the scheme with gRPC on first use.
     *
     * @param hostPorts {@code host:port} entries, at least one
     * @return {@code flowvox-hosts:///host1:port1,…}
     */
    static String target(List<HostPort> hostPorts) {
        StringBuilder target = new StringBuilder(SCHEME).append(":///");
        for (int i = 0; i < hostPorts.size(); i++) {
            target.append(i == 0 ? "" : ",").append(hostPorts.get(i));
        }
        return target.toString();
    }

    @Override
    public NameResolver newNameResolver(URI target, NameResolver.Args args) {
        if (!SCHEME.equals(target.getScheme())) {
            return null;
        }
        List<HostPort> hostPorts = new ArrayList<>();
        for (String entry : target.getPath().substring(1).split(",")) {
            hostPorts.add(HostPort.parse(entry));
        }
        return new FixedResolver(hostPorts);
    }

    @Override
    public String getDefaultScheme() {
        return SCHEME;
    }

    @Override
    protected boolean isAvailable() {
        return true;
    }

    @Override
    protected int priority() {
        return 5;
    }

    @Override
    public Collection<Class<? extends SocketAddress>> getProducedSocketAddressTypes() {
        return List.of(InetSocketAddress.class);
    }

    /** Reports the fixed list once; TLS checks the first host's name. */
    private static final class FixedResolver extends NameResolver {

        private final List<HostPort> hostPorts;

        FixedResolver(List<HostPort> hostPorts) {
            this.hostPorts = List.copyOf(hostPorts);
        }

        @Override
        public String getServiceAuthority() {
            return hostPorts.get(0).host();
        }

        @Override
        public void start(Listener2 listener) {
            List<EquivalentAddressGroup> groups = new ArrayList<>();
            for (HostPort hostPort : hostPorts) {
                groups.add(new EquivalentAddressGroup(new InetSocketAddress(hostPort.host(), hostPort.port())));
            }
            listener.onResult(ResolutionResult.newBuilder().setAddressesOrError(StatusOr.fromValue(groups))
                    .build());
        }

        @Override
        public void shutdown() {
        }
    }
}
