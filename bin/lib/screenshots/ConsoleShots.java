import java.awt.AWTException;
import java.awt.Component;
import java.awt.Container;
import java.awt.Frame;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Toolkit;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import javax.swing.AbstractButton;
import javax.swing.JFrame;
import javax.swing.JInternalFrame;
import javax.swing.JPasswordField;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTabbedPane;
import javax.swing.JTable;
import javax.swing.JTree;
import javax.swing.SwingUtilities;
import javax.swing.text.JTextComponent;
import javax.swing.tree.TreeModel;
import javax.swing.tree.TreePath;

/**
 * Drives a real JConsole or VisualVM from inside its own JVM (bin/ripple-screenshots loads it with
 * -J-javaagent) and saves screenshots of what the screen shows. It finds windows, tabs, tree nodes and buttons by
 * the text a person reads, never by pixel positions, so a changed MBean view needs no change here unless a name
 * it looks for changes. Every step waits for a condition with a deadline; the first step that fails ends the tour,
 * named in the log and the result file.
 *
 * <p>System properties: shots.out (folder for the PNGs), shots.log and shots.result (files), shots.jmx (host:port
 * of the master's JMX connector), shots.user and shots.passwordFile (the login), shots.replica (a replica's name),
 * shots.stepSeconds (each step's deadline, default 90).
 */
public final class ConsoleShots {
    private static final long STEP_SECONDS = Long.getLong("shots.stepSeconds", 90);
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 860;

    private final Path out = Path.of(System.getProperty("shots.out"));
    private final String jmx = System.getProperty("shots.jmx");
    private final String user = System.getProperty("shots.user");
    private final Path passwordFile = Path.of(System.getProperty("shots.passwordFile"));
    private final String replica = System.getProperty("shots.replica", "replica-1");

    /** Entry point as a Java agent: agent argument "jconsole" or "visualvm". */
    public static void premain(String console) {
        Thread tour = new Thread(() -> new ConsoleShots().run(console), "console-shots");
        tour.setDaemon(true);
        tour.start();
    }

    /**
     * Runs the tour, writes "ok" or "failed: reason" to the file in shots.result (bin/ripple-screenshots waits for
     * it and then stops the console) and ends the JVM where the console lets it (VisualVM's security manager does not).
     */
    private void run(String console) {
        String result;
        try {
            if ("jconsole".equals(console)) {
                jconsole();
            } else if ("visualvm".equals(console)) {
                visualVm();
            } else {
                throw new IllegalArgumentException("unknown console '" + console + "': jconsole or visualvm");
            }
            log("all pictures saved");
            result = "ok";
        } catch (Throwable failure) {
            log("FAILED: " + failure.getMessage());
            describeWindows();
            result = "failed: " + failure.getMessage();
            try {
                Path screen = Path.of(System.getProperty("shots.log")).resolveSibling(console + "-failure.png");
                ImageIO.write(robot().createScreenCapture(new Rectangle(0, 0, WIDTH, HEIGHT)), "png", screen.toFile());
                log("the screen at the failure: " + screen);
            } catch (Exception | Error e) {
                log("no picture of the failure: " + e);
            }
        }
        try {
            Files.writeString(Path.of(System.getProperty("shots.result")), result + System.lineSeparator());
            Runtime.getRuntime().halt(result.equals("ok") ? 0 : 2);
        } catch (IOException | RuntimeException e) {
            log("the console goes on running (" + e + "); the script stops it");
        }
    }

    // ---------------------------------------------------------------------------------------------------- JConsole

    private void jconsole() throws Exception {
        JFrame main = await("JConsole's main window", () -> showing(JFrame.class).stream().findFirst().orElse(null));
        onEdt(() -> {
            main.setBounds(0, 0, WIDTH, HEIGHT);
            return null;
        });
        step("the connect dialog");
        await("the 'Remote Process:' choice", () -> clickButton("Remote Process:"));
        JTextComponent address = await("the remote process field", () -> field("Remote Process"));
        JTextComponent login = await("the user name field", () -> field("User Name"));
        JPasswordField password = await("the password field", () -> first(JPasswordField.class));
        String secret = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
        onEdt(() -> {
            address.setText(jmx);
            login.setText(user);
            password.setText(secret);
            return null;
        });
        await("the Connect button", () -> clickButton("Connect"));

        step("connecting: JConsole asks 'Retry insecurely?' on a port without TLS");
        await("the 'Insecure connection' answer", () -> button("Insecure connection"));
        shoot(main, "jconsole-retry-insecurely");
        await("the 'Insecure connection' answer", () -> clickButton("Insecure connection"));
        JInternalFrame vm = await("the connection's window", () -> showing(JInternalFrame.class).stream()
                .filter(frame -> frame.getTitle().contains(jmx)).findFirst().orElse(null));
        onEdt(() -> {
            vm.setMaximum(true);
            return null;
        });
        step("the MBeans tab");
        JTree tree = await("the MBean tree with the ripple domain", () -> {
            JTabbedPane tabs = tabbedPaneWith("MBeans");
            if (tabs != null && tabs.getSelectedIndex() != tabs.indexOfTab("MBeans")) {
                tabs.setSelectedIndex(tabs.indexOfTab("MBeans"));
            }
            return showing(JTree.class).stream().filter(candidate -> node(candidate, "ripple") != null)
                    .findFirst().orElse(null);
        });

        onEdt(() -> {
            // a person drags the divider so that the domains' names show whole
            JSplitPane split = (JSplitPane) SwingUtilities.getAncestorOfClass(JSplitPane.class, tree);
            if (split != null) {
                split.setDividerLocation(260);
            }
            return null;
        });

        step("the Cluster MBean's attributes");
        select(tree, "ripple", "Cluster", "Attributes");
        JTable attributes = awaitAttributeTable("StatusMessage");
        shoot(main, "jconsole-cluster-attributes");

        step("the Status attribute opened (double click on its value)");
        int statusRow = await("the Status attribute's row", () -> {
            int row = rowOf(attributes, "Status");
            return row >= 0 ? row : null;
        });
        doubleClick(attributes, statusRow, 1);
        await("the Status attribute's table in its row", () ->
                attributes.getRowHeight(statusRow) > attributes.getRowHeight() ? Boolean.TRUE : null);
        shoot(main, "jconsole-cluster-status-attribute");
        doubleClick(attributes, statusRow, 1);

        step("replica " + replica + "'s ClusterReplica MBean");
        select(tree, "ripple", "ClusterReplica", replica, "Attributes");
        awaitAttributeTable("LastRunState");
        shoot(main, "jconsole-cluster-replica");

        step("the Cluster MBean's operations");
        select(tree, "ripple", "Cluster", "Operations");
        await("the operation buttons", () -> button("history"));
        shoot(main, "jconsole-cluster-operations");

        operationResult(main, "status", "jconsole-cluster-status");
        operationResult(main, "history", "jconsole-cluster-history");
        // a plan of batches of one, 5 s apart, one replica kept Ready, stopping and reverting at the first failure
        operationResult(main, "previewPlan", "jconsole-cluster-preview-plan", "1", "5", "1", "1", "true");
    }

    /**
     * Types the arguments into the fields beside an operation's button, invokes it, shoots the answer's dialog over
     * the main window, and closes it.
     */
    private void operationResult(JFrame main, String operation, String picture, String... arguments) throws Exception {
        step(operation + "(" + String.join(", ", arguments) + ") and its answer");
        AbstractButton invoke = await("the " + operation + " button", () -> button(operation));
        onEdt(() -> {
            List<JTextComponent> fields = new ArrayList<>();
            collect(invoke.getParent(), JTextComponent.class, fields);
            if (fields.size() != arguments.length) {
                throw new IllegalStateException(operation + " shows " + fields.size() + " argument fields, not "
                        + arguments.length);
            }
            for (int i = 0; i < arguments.length; i++) {
                fields.get(i).setText(arguments[i]);
            }
            invoke.scrollRectToVisible(new Rectangle(invoke.getSize()));
            invoke.doClick();
            return null;
        });
        Window answer = await("the 'Operation return value' dialog with the answer", () -> showing(Window.class)
                .stream().filter(window -> window instanceof java.awt.Dialog dialog
                        && dialog.getTitle().contains("Operation return value") && !answerText(dialog).isEmpty())
                .findFirst().orElse(null));
        await("the answer's dialog made as large as its text", () -> fitToText(answer, main));
        shoot(main, picture);
        onEdt(() -> {
            answer.dispose();
            return null;
        });
        await("the answer's dialog to close", () -> answer.isShowing() ? null : Boolean.TRUE);
    }

    private static String answerText(Window dialog) {
        List<JTextComponent> texts = new ArrayList<>();
        collect(dialog, JTextComponent.class, texts);
        return texts.isEmpty() ? "" : texts.get(0).getText();
    }

    /**
     * JConsole opens an answer in a small dialog with scroll bars; as a person would drag its corner, it is made as
     * large as the text needs, within the main window.
     */
    private static Boolean fitToText(Window dialog, Window main) {
        List<JTextComponent> texts = new ArrayList<>();
        collect(dialog, JTextComponent.class, texts);
        JScrollPane scroll = texts.isEmpty() ? null
                : (JScrollPane) SwingUtilities.getAncestorOfClass(JScrollPane.class, texts.get(0));
        if (scroll == null) {
            return Boolean.TRUE; // nothing to enlarge
        }
        java.awt.Dimension wanted = texts.get(0).getPreferredSize();
        java.awt.Dimension fit = new java.awt.Dimension(Math.min(wanted.width + 30, WIDTH - 200),
                Math.min(wanted.height + 30, HEIGHT - 260));
        if (fit.equals(scroll.getPreferredSize()) && dialog.getSize().equals(dialog.getPreferredSize())) {
            return Boolean.TRUE; // fitted, and nothing has laid the dialog out otherwise since
        }
        scroll.setPreferredSize(fit);
        dialog.pack();
        dialog.setLocationRelativeTo(main);
        return null; // checked again on the next poll: JConsole may still lay the dialog out after it shows
    }

    private JTable awaitAttributeTable(String attribute) throws Exception {
        return await("the attribute table with " + attribute, () -> showing(JTable.class).stream()
                .filter(table -> rowOf(table, attribute) >= 0).findFirst().orElse(null));
    }

    /** A real double click, as a person makes it: the mouse pointer moves to the cell's middle. */
    private void doubleClick(JTable table, int row, int column) throws Exception {
        java.awt.Point middle = onEdt(() -> {
            Rectangle cell = table.getCellRect(row, column, false);
            java.awt.Point point = new java.awt.Point(cell.x + cell.width / 2, cell.y + cell.height / 2);
            SwingUtilities.convertPointToScreen(point, table);
            return point;
        });
        Robot mouse = robot();
        mouse.mouseMove(middle.x, middle.y);
        for (int click = 0; click < 2; click++) {
            mouse.mousePress(java.awt.event.InputEvent.BUTTON1_DOWN_MASK);
            mouse.mouseRelease(java.awt.event.InputEvent.BUTTON1_DOWN_MASK);
        }
        mouse.waitForIdle();
    }

    // ---------------------------------------------------------------------------------------------------- VisualVM

    private void visualVm() throws Exception {
        step("VisualVM's license (GPLv2 with the Classpath Exception), asked on a new user folder");
        await("the 'I Accept' button", () -> clickButton("I Accept"));
        JFrame main = await("VisualVM's main window", () -> showing(JFrame.class).stream()
                .filter(frame -> frame.getTitle().startsWith("VisualVM")).findFirst().orElse(null));
        onEdt(() -> {
            main.setBounds(0, 0, WIDTH, HEIGHT);
            return null;
        });

        step("the login VisualVM asks for (--openjmx)");
        JTextComponent login = await("the 'Supply Security Credentials' user name", () -> field("Username:"));
        JPasswordField password = await("its password", () -> first(JPasswordField.class));
        String secret = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
        onEdt(() -> {
            login.setText(user);
            password.setText(secret);
            return null;
        });
        await("the OK button", () -> clickButton("OK"));

        step("the master's Overview, its view maximized");
        step("connecting: VisualVM asks whether to go on without SSL on a port without TLS");
        await("the 'Secure Connection Failed' question, answered Yes", () -> {
            Window question = dialog("Secure Connection Failed");
            return question == null ? null : clickButtonIn(question, "Yes");
        });
        JTabbedPane views = await("the connected application's views", () -> {
            clickButton("Reload"); // the view opened before the login asks to be reloaded once connected
            return tabbedPaneWith("Monitor");
        });
        await("the 'Maximize Window' button", () -> clickTooltip("Maximize Window"));
        await("the Overview with the master's main class", () -> showing(JTextComponent.class).stream()
                .filter(text -> text.getText().contains("io.ripple")).findFirst().orElse(null));
        shoot(main, "visualvm-overview");

        step("the Monitor view");
        onEdt(() -> {
            views.setSelectedIndex(views.indexOfTab("Monitor"));
            return null;
        });
        await("the Monitor view's charts", () -> showing(javax.swing.JCheckBox.class).stream()
                .filter(box -> "Heap".equals(box.getText()) || "CPU".equals(box.getText())).findFirst().orElse(null));
        // The charts draw a line between samples taken once a second: a few seconds give them something to show.
        Thread.sleep(6000);
        shoot(main, "visualvm-monitor");
    }

    private static Window dialog(String title) {
        return showing(java.awt.Dialog.class).stream().filter(dialog -> title.equals(dialog.getTitle()))
                .findFirst().orElse(null);
    }

    private static Boolean clickButtonIn(Window window, String text) {
        List<AbstractButton> buttons = new ArrayList<>();
        collect(window, AbstractButton.class, buttons);
        AbstractButton button = buttons.stream().filter(candidate -> text.equals(candidate.getText()))
                .findFirst().orElse(null);
        if (button == null) {
            return null;
        }
        button.doClick();
        return Boolean.TRUE;
    }

    private static Boolean clickTooltip(String tooltip) {
        AbstractButton button = showing(AbstractButton.class).stream()
                .filter(candidate -> tooltip.equals(candidate.getToolTipText())).findFirst().orElse(null);
        if (button == null) {
            return null;
        }
        button.doClick();
        return Boolean.TRUE;
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    private void select(JTree tree, String... labels) throws Exception {
        TreePath path = await("the tree node " + String.join(" / ", labels), () -> {
            TreeModel model = tree.getModel();
            Object current = model.getRoot();
            TreePath walked = new TreePath(current);
            for (String label : labels) {
                Object child = child(model, current, label);
                if (child == null) {
                    tree.expandPath(walked); // children of an MBean appear when it is expanded
                    return null;
                }
                current = child;
                walked = walked.pathByAddingChild(child);
            }
            return walked;
        });
        onEdt(() -> {
            tree.setSelectionPath(path);
            tree.scrollPathToVisible(path);
            return null;
        });
    }

    private static Object node(JTree tree, String label) {
        TreeModel model = tree.getModel();
        return model.getRoot() == null ? null : child(model, model.getRoot(), label);
    }

    private static Object child(TreeModel model, Object parent, String label) {
        for (int i = 0; i < model.getChildCount(parent); i++) {
            Object child = model.getChild(parent, i);
            if (label.equals(String.valueOf(child))) {
                return child;
            }
        }
        return null;
    }

    private static int rowOf(JTable table, String name) {
        for (int row = 0; row < table.getRowCount(); row++) {
            if (name.equals(String.valueOf(table.getValueAt(row, 0)))) {
                return row;
            }
        }
        return -1;
    }

    private static JTabbedPane tabbedPaneWith(String title) {
        return showing(JTabbedPane.class).stream().filter(tabs -> tabs.indexOfTab(title) >= 0).findFirst().orElse(null);
    }

    private static AbstractButton button(String text) {
        return showing(AbstractButton.class).stream()
                .filter(button -> text.equals(button.getText()) && button.isEnabled()).findFirst().orElse(null);
    }

    /** Clicks the button with this text if one shows; answers TRUE then, null otherwise (for await). */
    private static Boolean clickButton(String text) {
        AbstractButton button = button(text);
        if (button == null) {
            return null;
        }
        button.doClick();
        return Boolean.TRUE;
    }

    private static JTextComponent field(String accessibleName) {
        return showing(JTextComponent.class).stream()
                .filter(field -> field.getAccessibleContext() != null
                        && accessibleName.equals(field.getAccessibleContext().getAccessibleName()))
                .findFirst().orElse(null);
    }

    private static <T> T first(Class<T> type) {
        return showing(type).stream().findFirst().orElse(null);
    }

    /** Every showing component of this type, in every showing window, windows first. */
    private static <T> List<T> showing(Class<T> type) {
        List<T> found = new ArrayList<>();
        for (Window window : Window.getWindows()) {
            if (window.isShowing()) {
                collect(window, type, found);
            }
        }
        return found;
    }

    private static <T> void collect(Component component, Class<T> type, List<T> found) {
        if (!component.isShowing()) {
            return;
        }
        if (type.isInstance(component)) {
            found.add(type.cast(component));
        }
        if (component instanceof Container container) {
            for (Component child : container.getComponents()) {
                collect(child, type, found);
            }
        }
    }

    /**
     * Saves what the screen shows where the window is: the window and any dialog over it. The screen must first
     * show what the event thread last laid out: two round trips through the event queue let the repaint it
     * queued run, and Toolkit.sync() makes the X server draw it.
     */
    private void shoot(Window window, String name) throws Exception {
        onEdt(() -> null);
        onEdt(() -> null);
        Toolkit.getDefaultToolkit().sync();
        Rectangle bounds = onEdt(window::getBounds);
        BufferedImage picture = robot().createScreenCapture(bounds);
        int colours = colours(picture);
        if (colours < 16) {
            throw new IllegalStateException(name + " shows only " + colours + " colours: the window did not paint");
        }
        Files.createDirectories(out);
        Path file = out.resolve(name + ".png");
        ImageIO.write(picture, "png", file.toFile());
        log("saved " + file + " (" + bounds.width + "x" + bounds.height + ")");
    }

    private static int colours(BufferedImage picture) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < picture.getHeight(); y += 4) {
            for (int x = 0; x < picture.getWidth(); x += 4) {
                seen.add(picture.getRGB(x, y));
                if (seen.size() >= 256) {
                    return seen.size();
                }
            }
        }
        return seen.size();
    }

    private Robot robot;

    private Robot robot() throws AWTException {
        if (robot == null) {
            robot = new Robot();
        }
        return robot;
    }

    /** Polls the probe on the event thread every 100 ms until it answers non-null, for at most STEP_SECONDS. */
    private static <T> T await(String what, Callable<T> probe) throws Exception {
        long deadline = System.nanoTime() + STEP_SECONDS * 1_000_000_000L;
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                T answer = onEdt(probe);
                if (answer != null) {
                    return answer;
                }
            } catch (Exception probeFailed) {
                last = probeFailed;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no " + what + " within " + STEP_SECONDS + " s"
                + (last == null ? "" : " (last: " + last + ")"));
    }

    private static <T> T onEdt(Callable<T> work) throws Exception {
        AtomicReference<T> answer = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            try {
                answer.set(work.call());
            } catch (Exception e) {
                failure.set(e);
            }
        });
        if (failure.get() != null) {
            throw failure.get();
        }
        return answer.get();
    }

    private static void step(String what) {
        log("step: " + what);
    }

    /** To the file in shots.log: JConsole and VisualVM may take over System.err. */
    private static void log(String line) {
        String entry = "[console-shots] " + line + System.lineSeparator();
        try {
            Files.writeString(Path.of(System.getProperty("shots.log")), entry, StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException e) {
            System.err.print(entry);
        }
    }

    /** On a failure: which windows showed, so that the log says where the tour stopped. */
    private static void describeWindows() {
        for (Window window : Window.getWindows()) {
            if (window.isShowing()) {
                String title = window instanceof Frame frame ? frame.getTitle()
                        : window instanceof java.awt.Dialog dialog ? dialog.getTitle() : "";
                log("  showing: " + window.getClass().getName() + " '" + title + "' " + window.getBounds());
                if (window instanceof java.awt.Dialog) {
                    List<AbstractButton> buttons = new ArrayList<>();
                    collect(window, AbstractButton.class, buttons);
                    buttons.forEach(button -> log("    button '" + button.getText() + "'"));
                    List<JTextComponent> texts = new ArrayList<>();
                    collect(window, JTextComponent.class, texts);
                    texts.forEach(text -> log("    text '" + text.getText() + "'"));
                }
            }
        }
        for (JTabbedPane tabs : showing(JTabbedPane.class)) {
            for (int i = 0; i < tabs.getTabCount(); i++) {
                log("  tab '" + tabs.getTitleAt(i) + "'");
            }
        }
        for (JInternalFrame frame : showing(JInternalFrame.class)) {
            log("  inner window: '" + frame.getTitle() + "'");
        }
    }
}
