import '@backstage/cli/asset-types';
import ReactDOM from 'react-dom/client';
import app from './App';
// Backstage UI's base styles (box sizing and the design tokens), as in the
// app template.
import '@backstage/ui/css/styles.css';

ReactDOM.createRoot(document.getElementById('root')!).render(app);
