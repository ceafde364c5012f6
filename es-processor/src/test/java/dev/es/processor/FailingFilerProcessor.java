package dev.es.processor;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Completion;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;

/** Runs a processor with a Filer that throws a RuntimeException, to test that no exception escapes process(). */
final class FailingFilerProcessor implements Processor {
  private final Processor delegate;

  FailingFilerProcessor(Processor delegate) {
    this.delegate = delegate;
  }

  @Override
  public Set<String> getSupportedOptions() {
    return delegate.getSupportedOptions();
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return delegate.getSupportedAnnotationTypes();
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return delegate.getSupportedSourceVersion();
  }

  @Override
  public void init(ProcessingEnvironment env) {
    delegate.init(
        new ProcessingEnvironment() {
          @Override
          public Map<String, String> getOptions() {
            return env.getOptions();
          }

          @Override
          public Messager getMessager() {
            return env.getMessager();
          }

          @Override
          public Filer getFiler() {
            return new Filer() {
              @Override
              public JavaFileObject createSourceFile(CharSequence name, Element... originatingElements) {
                throw new IllegalStateException("filer exploded");
              }

              @Override
              public JavaFileObject createClassFile(CharSequence name, Element... originatingElements) {
                throw new IllegalStateException("filer exploded");
              }

              @Override
              public FileObject createResource(
                  JavaFileManager.Location location, CharSequence moduleAndPkg, CharSequence relativeName,
                  Element... originatingElements) {
                throw new IllegalStateException("filer exploded");
              }

              @Override
              public FileObject getResource(
                  JavaFileManager.Location location, CharSequence moduleAndPkg, CharSequence relativeName)
                  throws IOException {
                throw new IOException("filer exploded");
              }
            };
          }

          @Override
          public Elements getElementUtils() {
            return env.getElementUtils();
          }

          @Override
          public Types getTypeUtils() {
            return env.getTypeUtils();
          }

          @Override
          public SourceVersion getSourceVersion() {
            return env.getSourceVersion();
          }

          @Override
          public Locale getLocale() {
            return env.getLocale();
          }
        });
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
    return delegate.process(annotations, roundEnv);
  }

  @Override
  public Iterable<? extends Completion> getCompletions(
      Element element, AnnotationMirror annotation, ExecutableElement member, String userText) {
    return delegate.getCompletions(element, annotation, member, userText);
  }

}
