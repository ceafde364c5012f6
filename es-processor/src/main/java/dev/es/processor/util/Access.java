package dev.es.processor.util;

import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.util.Elements;

/** Whether code generated in a package can name an element. */
public final class Access {
  private Access() {}

  /**
   * True when {@code element} (a type, method, field or constructor) and every type enclosing it can be used from
   * code in {@code pkg}: not private, and public when declared in another package.
   */
  public static boolean accessibleFrom(Element element, PackageElement pkg, Elements elements) {
    boolean samePackage = elements.getPackageOf(element).equals(pkg);
    for (Element e = element; e != null && !(e instanceof PackageElement); e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        return false;
      }
      if (!samePackage && !e.getModifiers().contains(Modifier.PUBLIC)) {
        return false;
      }
    }
    return true;
  }
}
