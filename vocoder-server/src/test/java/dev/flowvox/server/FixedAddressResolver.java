// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server;

import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Resolves {@code fixed:///127.0.0.1:5001,127.0.0.1:5002} to those addresses, standing in for a DNS
 * name with several A records (a Kubernetes headless Service) in loopback tests.
 */
final class FixedAddressResolver extends NameResolverProvider {

    static final String SCHEME = "fixed";

    @Override
    public NameResolver newNameResolver(URI target, NameResolver.Args args) {
        if (!SCHEME.equals(target.getScheme())) {
            return null;
        }
        List<EquivalentAddressGroup> groups = new ArrayList<>();
        for (String hostPort : target.getPath().substring(1).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            groups.add(new EquivalentAddressGroup(new InetSocketAddress(hostPort.substring(0, colon),
                    Integer.parseInt(hostPort.substring(colon + 1)))));
        }
        return new NameResolver() {
            @Override
            public String getServiceAuthority() {
                return "localhost";
            }

            @Override
            public void start(Listener2 listener) {
                listener.onResult(ResolutionResult.newBuilder().setAddresses(groups).build());
            }

            @Override
            public void shutdown() {
            }
        };
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
}
