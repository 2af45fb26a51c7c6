package io.mintp2p.it;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The build context of a node image made by {@link Images.Builder}: the class path files copied in
 * under {@value Images#APP_DIR}, and the Dockerfile whose entrypoint runs them. Pure assembly, on the
 * caller's thread; nothing here reads a file or blocks (the files are read when Docker builds).
 */
final class NodeDockerfile {
    private NodeDockerfile() {
    }

    /** Adds each class path entry to {@code image}'s context, numbered so that equal names do not clash; returns their paths in the image, in order. */
    static List<String> addClassPath(ImageFromDockerfile image, List<Path> classPath) {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < classPath.size(); i++) {
            String entry = "cp/" + i + "-" + classPath.get(i).getFileName();
            image.withFileFromPath(entry, classPath.get(i));
            entries.add(Images.APP_DIR + entry);
        }
        return entries;
    }

    /**
     * The Dockerfile: {@code base}, the class path, the content label {@code hash}, the entrypoint
     * {@code java <jvm options> -cp <entries> <main class>} (or {@code -jar} the one jar when
     * {@code mainClass} is null) and the default arguments as CMD.
     */
    static String text(String base, String java, List<String> jvmOptions, String mainClass, List<Path> classPath,
            List<String> entries, List<String> defaultArgs, String hash) {
        List<String> entrypoint = new ArrayList<>();
        entrypoint.add(java);
        entrypoint.addAll(jvmOptions);
        if (mainClass != null) {
            entrypoint.addAll(List.of("-cp", String.join(":", entries), mainClass));
        } else if (entries.size() == 1 && classPath.get(0).toString().endsWith(".jar")) {
            entrypoint.addAll(List.of("-jar", entries.get(0)));
        } else {
            throw new IllegalStateException("no main class: give mainClass(...), or one jar whose manifest names it");
        }
        return "FROM " + base + "\n"
                + "COPY cp/ " + Images.APP_DIR + "cp/\n"
                + "LABEL " + Images.CONTENT_LABEL + "=\"" + hash + "\"\n"
                + "ENTRYPOINT " + jsonArray(entrypoint) + "\n"
                + (defaultArgs.isEmpty() ? "" : "CMD " + jsonArray(defaultArgs) + "\n");
    }

    /** A JSON array of strings, as Dockerfile's exec form wants (backslashes and quotes escaped). */
    private static String jsonArray(List<String> items) {
        StringBuilder b = new StringBuilder("[");
        for (String item : items) {
            if (b.length() > 1) {
                b.append(", ");
            }
            b.append('"').append(item.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return b.append(']').toString();
    }
}
