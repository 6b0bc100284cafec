// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.cli;

import dev.flowvox.client.VocoderClient;
import dev.flowvox.client.audio.AudioSink;
import dev.flowvox.client.audio.PcmStreamSink;
import dev.flowvox.client.audio.SpeakerSink;
import dev.flowvox.client.audio.TeeSink;
import dev.flowvox.client.audio.WavFileSink;
import dev.flowvox.client.tts.EspeakFrontEnd;
import dev.flowvox.client.tts.FrontEnd;
import dev.flowvox.client.tts.MaryTtsFrontEnd;
import dev.flowvox.client.tts.MelFileFrontEnd;
import dev.flowvox.client.tts.SpeechSession;
import dev.flowvox.client.tts.SpeechSummary;
import dev.flowvox.client.tts.TextToSpeech;
import dev.flowvox.proto.v1.SynthesisOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code flowvox speak}: text to speech through the vocoder server: a front end makes each sentence's
 * mel, the server synthesizes it, the audio streams to a WAV file, standard output or the speakers.
 * Without {@code --server} the real gRPC server runs in this JVM on a loopback port.
 */
@Command(name = "speak", mixinStandardHelpOptions = true,
        description = "Speak text: sentences -> front end (espeak-ng, MaryTTS or mel files) -> mel -> the vocoder "
                + "server -> WAV file, raw PCM on stdout, or speakers. Starts a server in-process unless --server "
                + "is given.")
final class SpeakCommand implements Callable<Integer> {

    enum FrontEndKind { espeak, marytts, mel }

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption modelOption;

    @Parameters(paramLabel = "TEXT", arity = "0..*",
            description = "The text (words are joined by spaces); with --front-end mel, .npy mel files")
    List<String> text = new ArrayList<>();

    @Option(names = "--stdin", description = "Read the text from standard input as it arrives (one .npy path per "
            + "line with --front-end mel); each sentence is spoken as soon as it is complete")
    boolean stdin;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.wav", description = "Write a 16-bit WAV file")
    Path output;

    @Option(names = "--raw", description = "Write raw PCM (s16le, mono, the output rate) to standard output, "
            + "e.g. | aplay -f S16_LE -r 22050 -c 1")
    boolean raw;

    @Option(names = "--play", description = "Play on the speakers (skipped with a message where there is no audio device)")
    boolean play;

    @Option(names = "--front-end", defaultValue = "marytts",
            description = "marytts (MaryTTS in Java with its bundled voice cmu-slt-hsmm: needs nothing installed), "
                    + "espeak (an espeak-ng process; scripts/install-system-deps.sh installs it) or mel "
                    + "(.npy files from Tacotron2/FastPitch); default ${DEFAULT-VALUE}")
    FrontEndKind frontEnd;

    @Option(names = "--voice", defaultValue = "en-us", description = "espeak-ng voice (default ${DEFAULT-VALUE})")
    String voice;

    @Option(names = "--server", paramLabel = "HOST:PORT[,HOST:PORT...]", defaultValue = "${env:FLOWVOX_SERVER}",
            description = "Vocoder server(s), round robin (FLOWVOX_SERVER); default: start one in-process with --model")
    String server;

    @Mixin
    ServerAccess access;

    @Mixin
    RefinementOption refinement;

    @Option(names = "--sigma", description = "Latent noise scale, 0 to 4 (default: the model's recommended sigma)")
    Float sigma;

    @Option(names = "--seed", description = "Seed of the latent noise (server default 0)")
    Long seed;

    @Option(names = "--sample-rate", defaultValue = "0",
            description = "Output rate, 8000 to 48000 Hz; default: the model's (22050)")
    int sampleRate;

    @Option(names = "--chunk-frames", defaultValue = "0",
            description = "Mel frames per audio chunk; smaller starts sooner (default: the server's)")
    int chunkFrames;

    @Override
    public Integer call() throws Exception {
        List<AudioSink> sinks = sinks();
        if (sinks.isEmpty()) {
            return 0;
        }
        PrintWriter report = raw ? spec.commandLine().getErr() : spec.commandLine().getOut();
        LoopbackServer local = null;
        try {
            String target = server;
            if (target == null || target.isBlank()) {
                Path model = modelOption.resolve();
                local = LoopbackServer.start(model);
                target = local.target();
                spec.commandLine().getErr().println("flowvox speak: no --server given; started an in-process server "
                        + "with " + model + " on " + target);
                spec.commandLine().getErr().flush();
            }
            SpeechSummary summary = speak(target, new TeeSink(sinks));
            if (summary.sentences() == 0) {
                report.println("flowvox speak: the input held no sentence to speak" + (output != null
                        ? "; " + output + " holds no audio" : ""));
                report.flush();
                return 0;
            }
            report.printf(Locale.ROOT, "flowvox speak: %d sentence%s, %.2f s of audio at %d Hz%s%s%n",
                    summary.sentences(), summary.sentences() == 1 ? "" : "s", summary.seconds(), summary.sampleRate(),
                    summary.timeToFirstAudio() == null ? ""
                            : String.format(Locale.ROOT, ", first audio after %.2f s",
                                    summary.timeToFirstAudio().toNanos() / 1e9),
                    output != null ? ", written to " + output : "");
            report.flush();
            return 0;
        } finally {
            if (local != null) {
                local.close();
            }
        }
    }

    private SpeechSummary speak(String target, AudioSink sink) throws IOException, InterruptedException {
        try (VocoderClient client = access.client(target, Duration.ofMinutes(5)).optKeepAlive(Duration.ofSeconds(30))
                .build(); FrontEnd front = frontEnd()) {
            TextToSpeech tts = TextToSpeech.builder().setClient(client).setFrontEnd(front)
                    .optSynthesisOptions(options()).build();
            if (!stdin) {
                return speakArguments(tts, sink);
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            if (frontEnd != FrontEndKind.mel) {
                return tts.speak(in, sink);
            }
            try (SpeechSession session = tts.open(sink)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    session.appendSentence(line);
                }
                session.finish();
                return session.await();
            }
        }
    }

    private SpeechSummary speakArguments(TextToSpeech tts, AudioSink sink) throws IOException, InterruptedException {
        if (frontEnd != FrontEndKind.mel) {
            return tts.speak(String.join(" ", text), sink);
        }
        try (SpeechSession session = tts.open(sink)) {
            text.forEach(session::appendSentence);
            session.finish();
            return session.await();
        }
    }

    private List<AudioSink> sinks() {
        if (text.isEmpty() == !stdin) {
            throw new IllegalArgumentException(stdin ? "text given together with --stdin; expected one of them"
                    : "no text; expected TEXT arguments or --stdin");
        }
        if (text.stream().allMatch(String::isBlank) && !stdin) {
            throw new IllegalArgumentException("the text is blank; expected words to speak");
        }
        if (output == null && !raw && !play) {
            throw new IllegalArgumentException("no output; expected -o OUT.wav, --raw or --play");
        }
        List<AudioSink> sinks = new ArrayList<>();
        if (output != null) {
            OutputFile.require(output, "-o");
            sinks.add(new WavFileSink(output));
        }
        if (raw) {
            sinks.add(new PcmStreamSink(System.out));
        }
        if (play) {
            Optional<String> unavailable = SpeakerSink.unavailableReason(sampleRate == 0 ? 22050 : sampleRate);
            if (unavailable.isPresent()) {
                spec.commandLine().getErr().println("flowvox speak: not playing: " + unavailable.get());
            } else {
                sinks.add(new SpeakerSink());
            }
        }
        return sinks;
    }

    private FrontEnd frontEnd() throws IOException {
        return switch (frontEnd) {
            case espeak -> new EspeakFrontEnd("espeak-ng", voice, 165);
            case marytts -> new MaryTtsFrontEnd();
            case mel -> new MelFileFrontEnd(Path.of("").toAbsolutePath());
        };
    }

    private SynthesisOptions options() {
        SynthesisOptions.Builder options = SynthesisOptions.newBuilder().setSampleRate(sampleRate)
                .setChunkFrames(chunkFrames);
        if (sigma != null) {
            options.setSigma(sigma);
        }
        if (seed != null) {
            options.setSeed(seed);
        }
        Integer passes = refinement.requested();
        if (passes != null) {
            options.setRefinementPasses(passes);
        }
        return options.build();
    }
}
