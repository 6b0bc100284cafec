// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.bench.load;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;

/** Channels to the server under test. */
final class LoadChannels {

    private LoadChannels() {
    }

    /**
     * A plaintext channel to 127.0.0.1.
     *
     * @param port server port
     * @return the channel; the caller shuts it down
     */
    static ManagedChannel plaintext(int port) {
        return NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().maxInboundMessageSize(64 << 20).build();
    }
}
