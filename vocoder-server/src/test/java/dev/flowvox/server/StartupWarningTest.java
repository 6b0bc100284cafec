// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import dev.flowvox.server.limits.Limits;
import dev.flowvox.server.schedule.BatchPolicy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** What a server says at start-up about limits that contradict each other. */
class StartupWarningTest {

    @TempDir
    Path dir;

    @Test
    void aScoreLimitLargerThanTheMessageLimitIsNamedAtStartUp() throws Exception {
        Path bundle = TestModels.write(dir, "tiny", 1);
        List<ILoggingEvent> tooLong = warningsStarting(bundle, new Limits(8192, 512, 60, 1 << 20, 4));
        assertEquals(1, tooLong.size(), "" + tooLong);
        String message = tooLong.get(0).getFormattedMessage();
        assertTrue(message.contains("60.0 s of FLOAT32 audio at tiny's 22050 Hz takes 5292000 bytes, more than the "
                + "1048576-byte message limit"), message);
        assertEquals(List.of(), warningsStarting(bundle, Limits.DEFAULT), "120 s at 22050 Hz fit in 16 MiB");
    }

    private static List<ILoggingEvent> warningsStarting(Path bundle, Limits limits) throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(VocoderServer.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        logger.addAppender(events);
        try (RunningServer ignored = RunningServer.start(RunningServer.config(List.of(bundle), limits,
                new BatchPolicy(4, Duration.ZERO, 16)))) {
            return events.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
        } finally {
            logger.detachAppender(events);
        }
    }
}
