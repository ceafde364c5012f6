package dev.es.processor.generation;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import dev.es.processor.GeneratedNames;

/**
 * What every generated type shares: {@code @Generated} naming the processor, without a date or comments, and the
 * file layout.
 */
final class GeneratedTypes {
  private GeneratedTypes() {}

  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

  static AnnotationSpec generated() {
    return AnnotationSpec.builder(GENERATED)
        .addMember("value", "$S", GeneratedNames.PROCESSOR)
        .build();
  }

  static JavaFile file(String packageName, TypeSpec type) {
    return JavaFile.builder(packageName, type).skipJavaLangImports(true).indent("  ").build();
  }
}
