// Progressive enhancement only: every page works without this script. Module scripts run only in browsers that
// govuk-frontend supports, so the class below marks those browsers, as the GOV.UK page template does.
import { initAll } from './govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()

// "Print this report" on the reports people print: hidden until this script can make it print.
for (const button of document.querySelectorAll('[data-app-print]')) {
  button.hidden = false
  button.addEventListener('click', () => window.print())
}
