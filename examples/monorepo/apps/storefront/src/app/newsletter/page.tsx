import { subscribe } from './actions';

// Sending runs in the same function as the page's actions: raised to the plan's limit.
export const maxDuration = 300;

export default function NewsletterPage() {
  return (
    <form action={subscribe as unknown as (form: FormData) => void}>
      <input name="email" type="email" required />
      <button type="submit">Subscribe</button>
    </form>
  );
}
