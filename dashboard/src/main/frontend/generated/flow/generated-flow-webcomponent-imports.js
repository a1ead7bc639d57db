import { injectGlobalWebcomponentCss } from 'Frontend/generated/jar-resources/theme-util.js';

import '@vaadin/polymer-legacy-adapter/style-modules.js';
import '@vaadin/notification/src/vaadin-notification.js';
import 'Frontend/generated/jar-resources/flow-component-renderer.js';
import '@vaadin/vaadin-lumo-styles/sizing.js';
import '@vaadin/vaadin-lumo-styles/spacing.js';
import '@vaadin/vaadin-lumo-styles/style.js';
import '@vaadin/vaadin-lumo-styles/vaadin-iconset.js';
import '@vaadin/app-layout/src/vaadin-app-layout.js';
import '@vaadin/select/src/vaadin-select.js';
import 'Frontend/generated/jar-resources/selectConnector.js';
import '@vaadin/tooltip/src/vaadin-tooltip.js';
import 'Frontend/generated/jar-resources/lit-renderer.ts';
import '@vaadin/horizontal-layout/src/vaadin-horizontal-layout.js';
import '@vaadin/app-layout/src/vaadin-drawer-toggle.js';
import '@vaadin/button/src/vaadin-button.js';
import 'Frontend/generated/jar-resources/disableOnClickFunctions.js';
import '@vaadin/side-nav/src/vaadin-side-nav.js';
import '@vaadin/side-nav/src/vaadin-side-nav-item.js';
import '@vaadin/vertical-layout/src/vaadin-vertical-layout.js';
import '@vaadin/icons/vaadin-iconset.js';
import '@vaadin/icon/src/vaadin-icon.js';
import '@vaadin/grid/src/vaadin-grid.js';
import '@vaadin/grid/src/vaadin-grid-column.js';
import '@vaadin/grid/src/vaadin-grid-sorter.js';
import '@vaadin/checkbox/src/vaadin-checkbox.js';
import 'Frontend/generated/jar-resources/gridConnector.ts';
import 'Frontend/generated/jar-resources/vaadin-grid-flow-selection-column.js';
import '@vaadin/grid/src/vaadin-grid-column-group.js';
import '@vaadin/context-menu/src/vaadin-context-menu.js';
import 'Frontend/generated/jar-resources/contextMenuConnector.js';
import 'Frontend/generated/jar-resources/contextMenuTargetConnector.js';
import '@vaadin/progress-bar/src/vaadin-progress-bar.js';
import '@vaadin/dialog/src/vaadin-dialog.js';
import '@vaadin/text-field/src/vaadin-text-field.js';
import '@vaadin/date-picker/src/vaadin-date-picker.js';
import 'Frontend/generated/jar-resources/datepickerConnector.js';
import '@vaadin/integer-field/src/vaadin-integer-field.js';
import '@vaadin/text-area/src/vaadin-text-area.js';
import '@vaadin/tabs/src/vaadin-tab.js';
import '@vaadin/tabs/src/vaadin-tabs.js';
import '@vaadin/combo-box/src/vaadin-combo-box.js';
import 'Frontend/generated/jar-resources/comboBoxConnector.js';
import '@vaadin/multi-select-combo-box/src/vaadin-multi-select-combo-box.js';
import '@vaadin/date-time-picker/src/vaadin-date-time-picker.js';
import '@vaadin/time-picker/src/vaadin-time-picker.js';
import 'Frontend/generated/jar-resources/vaadin-time-picker/timepickerConnector.js';
import '@vaadin/details/src/vaadin-details.js';
import '@vaadin/form-layout/src/vaadin-form-layout.js';
import '@vaadin/form-layout/src/vaadin-form-item.js';
import '@vaadin/form-layout/src/vaadin-form-row.js';
import '@vaadin/tabsheet/src/vaadin-tabsheet.js';
import '@vaadin/common-frontend/ConnectionIndicator.js';
import 'Frontend/generated/jar-resources/ReactRouterOutletElement.tsx';

const loadOnDemand = (key) => {
  const pending = [];
  if (key === 'e3babdc7cba130b58c79d2107770a1b8fedd5e6bef971b0439fcdd640161b348') {
    pending.push(import('./chunks/chunk-50b09702d83e6b429c4fce6f340ca2103e2666b261e0fc63de2f9499ce08d7c8.js'));
  }
  if (key === 'd21bdcdb0d1edf304f39b9e414f6500b3c95d9e0af88bedd741552773c86f06e') {
    pending.push(import('./chunks/chunk-e16c1ba0d9657bbdbfa590db447401e6e3d7270e8251853c96aadfe05cc53918.js'));
  }
  if (key === '54d001e6cbb734598fdfbbbc77e12bfff322baab93f58b59d85d973cda3584db') {
    pending.push(import('./chunks/chunk-3c334f826f80601ad5a37e39fdf29f25612dbbfe2b7d324286467e37c88e499f.js'));
  }
  if (key === 'e70eb32520be442524f46f84f05a2847be375a158f31908eee80554cfb8cc186') {
    pending.push(import('./chunks/chunk-e7f787f23a2f39779563a0cd016e387ad2078f1b4e8950ce61ce1924e79f3144.js'));
  }
  if (key === 'e12d909ae12d02b569c1dbf51876730e8effa1017cb3d1e4b06ae25294ed4ef1') {
    pending.push(import('./chunks/chunk-3c334f826f80601ad5a37e39fdf29f25612dbbfe2b7d324286467e37c88e499f.js'));
  }
  if (key === '374e27aaa44ed39600afbf4edf96b7b22c97025e66c6c17c15316756ce84fe8d') {
    pending.push(import('./chunks/chunk-fb4f1160f4291b98acae6ee52827be5694a6359ec2094d2365db0ee219346245.js'));
  }
  if (key === '332e4e0d466eae61beee678dd7ff4bdc1566be18712d753c2f414bfe15f4e396') {
    pending.push(import('./chunks/chunk-3c334f826f80601ad5a37e39fdf29f25612dbbfe2b7d324286467e37c88e499f.js'));
  }
  if (key === '19b7c6c494e7076d6f40f9dbda17987330c928f862925f8cb89bf2d7246ec275') {
    pending.push(import('./chunks/chunk-50b09702d83e6b429c4fce6f340ca2103e2666b261e0fc63de2f9499ce08d7c8.js'));
  }
  if (key === '0c8acbf4647297863ac9b59a395c7c5bb8932d308d3d466cd7df25449f374eaa') {
    pending.push(import('./chunks/chunk-62439a11ab2b6e30e44353bae3175060a1fe038f7869d2e02646d0972c5b5be3.js'));
  }
  return Promise.all(pending);
}

window.Vaadin = window.Vaadin || {};
window.Vaadin.Flow = window.Vaadin.Flow || {};
window.Vaadin.Flow.loadOnDemand = loadOnDemand;
window.Vaadin.Flow.resetFocus = () => {
 let ae=document.activeElement;
 while(ae&&ae.shadowRoot) ae = ae.shadowRoot.activeElement;
 return !ae || ae.blur() || ae.focus() || true;
}