import { useEffect, useRef, useState } from 'react';
import { hasErrors, type FieldErrors } from './fieldErrors';

/**
 * Field errors of one form. Showing errors moves focus to the first field to fix, so keyboard
 * and screen reader users land on it instead of hunting for what went wrong.
 */
export function useFormErrors() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [focusRequest, setFocusRequest] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (focusRequest === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);

  const show = (next: FieldErrors): void => {
    setErrors(next);
    if (hasErrors(next)) setFocusRequest((n) => n + 1);
  };
  const clear = (): void => setErrors({});
  return { errors, show, clear, formRef };
}
