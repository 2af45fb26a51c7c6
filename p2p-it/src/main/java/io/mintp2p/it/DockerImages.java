package io.mintp2p.it;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The Docker engine side of {@link Images}: whether a tag exists, the content label of the image it
 * holds (what the rebuild-skip compares with {@link ContentHash}), building an image. Runs on the
 * caller's thread; each call blocks until the engine answers (a build for as long as it takes).
 */
final class DockerImages {
    private static final Logger log = LoggerFactory.getLogger(Images.class);

    private DockerImages() {
    }

    /** Whether the engine has an image tagged {@code tag}. Asks Docker; blocks. */
    static boolean exists(String tag) {
        try {
            DockerClientFactory.instance().client().inspectImageCmd(tag).exec();
            return true;
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
            return false;
        }
    }

    /** The content label of the image tagged {@code tag}, or null if there is none (or no such image). Asks Docker; blocks. */
    static String labelOf(String tag) {
        try {
            var config = DockerClientFactory.instance().client().inspectImageCmd(tag).exec().getConfig();
            return config == null || config.getLabels() == null ? null : config.getLabels().get(Images.CONTENT_LABEL);
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
            return null;
        }
    }

    /** Builds {@code image} as {@code tag}; blocks until Docker is done (at most ten minutes). */
    static void build(String tag, ImageFromDockerfile image) {
        long start = System.nanoTime();
        try {
            image.get(10, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException("building image " + tag + " failed: " + e.getMessage(), e);
        }
        log.info("built image {} in {} ms", tag, (System.nanoTime() - start) / 1_000_000);
    }
}
