import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks a Maven Central Portal bundle (a zip in repository layout) for what Central requires of every
 * component: a POM with name, description, url, licenses, developers and scm (its own or a parent's in the
 * bundle); for jar packaging the main, sources and Javadoc jars; for every file an .asc signature and .md5
 * and .sha1 checksums that match; and exactly the expected artifacts, no more. Prints a listing and a verdict;
 * exits 1 when anything is missing. Signatures are verified with gpg when --gpg is given.
 *
 * <pre>java .ci/CheckCentralBundle.java bundle.zip groupId version [--gpg] artifactId...</pre>
 */
public class CheckCentralBundle {
    private static final List<String> REQUIRED_POM_ELEMENTS =
            List.of("name", "description", "url", "licenses", "developers", "scm");

    public static void main(String[] args) throws Exception {
        Path bundle = Path.of(args[0]);
        String groupId = args[1];
        String version = args[2];
        boolean gpg = false;
        List<String> expected = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            if (args[i].equals("--gpg")) {
                gpg = true;
            } else {
                expected.add(args[i]);
            }
        }
        List<String> problems = new ArrayList<>();
        Map<String, byte[]> files = new TreeMap<>();
        try (ZipFile zip = new ZipFile(bundle.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                if (!e.isDirectory()) {
                    files.put(e.getName(), zip.getInputStream(e).readAllBytes());
                }
            }
        }
        String groupPath = groupId.replace('.', '/') + "/";
        Map<String, List<String>> byArtifact = new TreeMap<>();
        for (String name : files.keySet()) {
            if (!name.startsWith(groupPath)) {
                problems.add("outside the group's folder: " + name);
                continue;
            }
            String[] parts = name.substring(groupPath.length()).split("/");
            if (parts.length != 3 || !parts[1].equals(version)) {
                problems.add("not <artifactId>/" + version + "/<file>: " + name);
                continue;
            }
            byArtifact.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(parts[2]);
        }
        for (String a : expected) {
            if (!byArtifact.containsKey(a)) {
                problems.add(a + ": missing from the bundle");
            }
        }
        for (String a : byArtifact.keySet()) {
            if (!expected.contains(a)) {
                problems.add(a + ": in the bundle but not expected (an unpublished module?)");
            }
        }
        Path verifyDir = gpg ? Files.createTempDirectory("bundle-verify") : null;
        for (Map.Entry<String, List<String>> artifact : byArtifact.entrySet()) {
            String a = artifact.getKey();
            String dir = groupPath + a + "/" + version + "/";
            String base = a + "-" + version;
            byte[] pomBytes = files.get(dir + base + ".pom");
            if (pomBytes == null) {
                problems.add(a + ": no " + base + ".pom");
                continue;
            }
            Element pom = parse(pomBytes);
            String packaging = text(pom, "packaging", "jar");
            List<String> payload = new ArrayList<>(List.of(base + ".pom"));
            if (packaging.equals("jar")) {
                payload.addAll(List.of(base + ".jar", base + "-sources.jar", base + "-javadoc.jar"));
            }
            for (String element : REQUIRED_POM_ELEMENTS) {
                if (!declares(pom, element, files, groupPath, version)) {
                    problems.add(a + ": POM lacks <" + element + "> (itself and its parents in the bundle)");
                }
            }
            for (String file : artifact.getValue()) {
                if (!file.endsWith(".asc") && !file.endsWith(".md5") && !file.endsWith(".sha1")
                        && !file.endsWith(".sha256") && !file.endsWith(".sha512") && !payload.contains(file)) {
                    payload.add(file);
                }
            }
            StringBuilder line = new StringBuilder(String.format("%-24s %-4s", a, packaging));
            for (String file : payload) {
                byte[] content = files.get(dir + file);
                if (content == null) {
                    problems.add(a + ": missing " + file);
                    continue;
                }
                line.append(' ').append(file.substring(base.length()).isEmpty() ? file : file.substring(base.length()));
                checkSum(problems, files, dir + file, content, "md5", "MD5");
                checkSum(problems, files, dir + file, content, "sha1", "SHA-1");
                byte[] signature = files.get(dir + file + ".asc");
                if (signature == null) {
                    problems.add(a + ": missing " + file + ".asc");
                } else if (gpg && !gpgVerifies(verifyDir, file, content, signature)) {
                    problems.add(a + ": " + file + ".asc does not verify");
                }
            }
            System.out.println(line.append("  (each with .asc .md5 .sha1)"));
        }
        System.out.println(files.size() + " files, " + byArtifact.size() + " artifacts"
                + (gpg ? ", signatures verified with gpg" : ""));
        if (problems.isEmpty()) {
            System.out.println("VERDICT: the bundle has everything Central requires");
        } else {
            problems.forEach(p -> System.out.println("PROBLEM: " + p));
            System.out.println("VERDICT: " + problems.size() + " problem(s)");
            System.exit(1);
        }
    }

    private static void checkSum(List<String> problems, Map<String, byte[]> files, String path, byte[] content,
            String extension, String algorithm) throws NoSuchAlgorithmException {
        byte[] recorded = files.get(path + "." + extension);
        if (recorded == null) {
            problems.add("missing " + path + "." + extension);
            return;
        }
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
        String actual = new String(recorded, StandardCharsets.US_ASCII).trim().split("\\s+")[0];
        if (!expected.equalsIgnoreCase(actual)) {
            problems.add(path + "." + extension + " does not match the file");
        }
    }

    private static boolean gpgVerifies(Path dir, String name, byte[] content, byte[] signature)
            throws IOException, InterruptedException {
        Path file = Files.write(dir.resolve(name), content);
        Path asc = Files.write(dir.resolve(name + ".asc"), signature);
        Process p = new ProcessBuilder("gpg", "--batch", "--verify", asc.toString(), file.toString())
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
    }

    /** Whether the POM or one of its parents found in the bundle declares the element. */
    private static boolean declares(Element pom, String element, Map<String, byte[]> files, String groupPath,
            String version) throws Exception {
        for (Element current = pom; current != null; ) {
            if (child(current, element) != null) {
                return true;
            }
            Element parent = child(current, "parent");
            if (parent == null) {
                return false;
            }
            String parentId = text(parent, "artifactId", "");
            byte[] parentPom = files.get(groupPath + parentId + "/" + version + "/" + parentId + "-" + version + ".pom");
            current = parentPom == null ? null : parse(parentPom);
        }
        return false;
    }

    private static Element parse(byte[] xml) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml)).getDocumentElement();
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String name, String otherwise) {
        Element e = child(parent, name);
        return e == null ? otherwise : e.getTextContent().trim();
    }
}
