package dev.es.processor;

import javax.annotation.processing.Filer;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** What validators and the processor share: the compiler's utilities and the diagnostics sink. */
public interface ProcessorContext {

  Types types();

  Elements elements();

  Filer filer();

  Diagnostics diagnostics();

  /** The default implementation over the processing environment's utilities. */
  record Default(Types types, Elements elements, Filer filer, Diagnostics diagnostics)
      implements ProcessorContext {}
}
