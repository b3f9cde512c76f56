package org.attnplanes.app.gui;

import javafx.stage.Stage;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationAdapter;
import org.testfx.framework.junit5.ApplicationFixture;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window of a desktop-app test, as a JUnit 5 extension registered on a field
 * ({@code @RegisterExtension final GuiWindow gui = new GuiWindow(() -> new MainWindow(null, ""));}): before each
 * test it starts the window through TestFX's toolkit exactly as TestFX's {@code ApplicationExtension} does with a
 * {@code @Start} method (primary stage registered, an application whose start shows the window with
 * {@link GuiFixture#show}), after each test it closes the window and cleans up as that extension does, and it
 * hands the test its {@link FxRobot}. It replaces the {@code @ExtendWith(ApplicationExtension.class)}, the
 * {@code @Start} method, the window field and the {@code @AfterEach} that every GUI test repeated: TestFX looks
 * for {@code @Start} only among a test class's own methods, so a base class could not carry them.
 */
final class GuiWindow extends FxRobot implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    /** Builds the window; may prepare files first (a generated model). */
    @FunctionalInterface
    interface Factory {
        MainWindow create() throws Exception;
    }

    private final Factory factory;
    private final ApplicationAdapter application;
    private MainWindow window;

    GuiWindow(Factory factory) {
        this.factory = factory;
        this.application = new ApplicationAdapter(new ApplicationFixture() {
            @Override
            public void init() {
            }

            @Override
            public void start(Stage stage) {
                window = GuiFixture.show(stage, () -> {
                    try {
                        return factory.create();
                    } catch (Exception e) {
                        throw new IllegalStateException("the test window could not be built: " + e, e);
                    }
                });
            }

            @Override
            public void stop() {
            }
        });
    }

    /** The window of the running test. */
    MainWindow window() {
        return window;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupApplication(() -> application);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (window != null) {
            window.close();
            window = null;
        }
        FxToolkit.cleanupAfterTest(this, application);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType().isAssignableFrom(FxRobot.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return this;
    }
}
