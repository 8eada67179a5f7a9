/*
 * A request that fails must not fail silently: a session that ended, the server down, or an
 * error on the server leaves the page as it is, with what was typed, and says what to do.
 */
var NIP = window.NIP || {};
NIP.requestFailed = function () {
  var box = document.getElementById('request-failed');
  if (box) {
    box.hidden = false;
    box.focus();
  }
};
if (window.jQuery) {
  // a transport failure or an error status; an error the server reports in its answer comes
  // through the page's ajaxExceptionHandler instead
  jQuery(document).on('pfAjaxError', NIP.requestFailed);
}
